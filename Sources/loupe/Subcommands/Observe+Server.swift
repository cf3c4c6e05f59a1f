import DequeModule
import FilterLanguage
import FlowClient
import FlowModel
import FlowOutput
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2

extension Observe {
    /// What one GetFlows call needs: the request, loupe's own check and count, the mask to show.
    struct ServerPlan: Sendable {
        var request: FlowRequest
        /// Re-applied to every flow (the server checked it already; a filter it cannot express, or
        /// an approximation, is decided here).
        var test: FlowTest?
        /// Applied before printing when the server was asked for whole flows (to check them here).
        var displayMask: FlowFieldMask?
    }

    func serverPlan(format: OutputFormat, selection: FlowSelection, filters: FlowFilterSet, expression: FilterExpression?) throws -> ServerPlan {
        let plan = expression.map { $0.plan.joined(withFlags: (filters.allow, filters.deny)) } ?? .flags(allow: filters.allow, deny: filters.deny)
        var request = FlowRequest(
            selection: selection, follow: selectionOptions.follow,
            countGiven: selectionOptions.last != nil || selectionOptions.first != nil, all: selectionOptions.all)
        request.allow = plan.allow
        request.deny = plan.deny
        request.countLocally = !plan.isExact
        let mask = try fieldMask(for: format)
        let filtered = !plan.allow.isEmpty || !plan.deny.isEmpty || expression != nil
        var test: FlowTest? = nil
        if filtered {
            test = switch (filters.isEmpty, expression) {
            case (true, nil): nil
            case (true, let expression?): expression.flowTest
            case (false, nil): { filters.matches($0) }
            case (false, let expression?): { [test = expression.flowTest] in filters.matches($0) && test($0) }
            }
        }
        // Filters see whole flows, here as on the server: ask for every field and mask locally.
        if filtered {
            return ServerPlan(request: request, test: test, displayMask: mask)
        }
        request.fieldMask = mask?.requestedPaths ?? []
        return ServerPlan(request: request, test: nil, displayMask: nil)
    }

    /// The reference's default mask for compact, dict and table output, or `--field-mask` for JSON.
    func fieldMask(for format: OutputFormat) throws -> FlowFieldMask? {
        let custom = fieldMaskOptions.fieldMask.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty }
        if !custom.isEmpty {
            guard format == .json || format == .jsonpb else {
                throw CLIError.usage("\(outputOptions.output) output format is not compatible with custom field mask")
            }
            do {
                return try FlowFieldMask(paths: custom)
            } catch {
                throw CLIError.usage("failed to construct field mask: \(error.description)")
            }
        }
        guard fieldMaskOptions.useDefaultFieldMasks, format != .json, format != .jsonpb else { return nil }
        return try! FlowFieldMask(paths: FlowFieldMask.referenceDefaultPaths)
    }

    func runAgainstServer(format: OutputFormat, options: FormatOptions, plan: ServerPlan) async throws {
        let sources = try ServerCall.sources(serverOptions)
        var reportOptions = options
        reportOptions.allNodeStatus = !options.silentErrors
        // jsonpb prints no node status at all; loupe's own reports about servers then use compact lines.
        let reporter = makeFormatter(format == .jsonpb ? .compact : format, options: reportOptions)
        let printer = LivePrinter(formatter: makeFormatter(format, options: options), reporter: reporter)
        let fanIn = FanIn(
            sources: sources, request: plan.request.message, count: plan.request.localCount,
            merge: try serverOptions.mergeOptions(), prepare: plan.prepare)
        let follow = selectionOptions.follow
        let reports = ConnectionReports(printer: printer, servers: sources.count, debug: options.allNodeStatus)
        // Ctrl-C or SIGTERM cancels the call: what arrived is printed and loupe exits 0.
        let call = Task {
            let flusher = follow ? Task { await printer.flushPeriodically(every: .milliseconds(50)) } : nil
            defer { flusher?.cancel() }
            return try await fanIn.run(deliver: { try printer.write($0) }, report: { reports.record($0) })
        }
        let signals = SignalHandlers { _ in call.cancel() }
        defer { signals.cancel() }
        let outcome = try await call.value
        try printer.finish()
        reports.summarize(outcome, names: sources.map(\.name))
        if let failure = Self.failure(of: outcome, names: sources.map(\.name)) { throw failure }
    }

    /// How the servers' endings decide the exit: 3 when none could be reached, 1 when any failed.
    static func failure(of outcome: FanIn.Outcome, names: [String]) -> CLIError? {
        var failures: [(String, ServerError)] = []
        var unreachable = 0
        for (name, ending) in zip(names, outcome.endings) {
            switch ending {
            case .completed: continue
            case .unreachable(let error):
                unreachable += 1
                failures.append((name, error))
            case .failed(let error):
                failures.append((name, error))
            }
        }
        guard let first = failures.first else { return nil }
        if names.count == 1 { return first.1.code == .cancelled ? nil : CLIError.server(first.1) }
        return CLIError.serversFailed(failures.map { "\($0.0): \($0.1.description)" }, of: names.count, noneReached: unreachable == names.count)
    }
}

extension Observe.ServerPlan {
    /// Loupe's own check, then the display mask, for each record of a server (lost events and node
    /// status pass).
    var prepare: @Sendable (FlowEnvelope) -> FlowEnvelope? {
        let test = self.test
        let mask = displayMask
        return { envelope in
            guard case .flow(let flow)? = envelope.responseTypes else { return envelope }
            if let test, !test(flow) { return nil }
            guard let mask else { return envelope }
            var masked = FlowEnvelope(flow: mask.apply(to: flow))
            masked.nodeName = envelope.nodeName
            if envelope.hasTime { masked.time = envelope.time }
            return masked
        }
    }
}
