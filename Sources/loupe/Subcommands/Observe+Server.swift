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
        _ = try serverOptions.timeout()
        let printer = LivePrinter(formatter: makeFormatter(format, options: options))
        let follow = selectionOptions.follow
        let server = serverOptions
        // Ctrl-C or SIGTERM cancels the call: what arrived is printed and loupe exits 0.
        let call = Task {
            do {
                try await ServerCall.run(server) { connection in
                    try await Self.stream(plan, from: connection, to: printer, follow: follow)
                }
            } catch let error as CLIError where error.cancelled {
                try? printer.finish()
            }
        }
        let signals = SignalHandlers { _ in call.cancel() }
        defer { signals.cancel() }
        do {
            try await call.value
        } catch is CancellationError {
            try? printer.finish()
        }
    }

    /// Reads the stream into the printer: loupe's check, then its count, then the display mask.
    static func stream(_ plan: ServerPlan, from connection: any ObserverCalls, to printer: LivePrinter, follow: Bool) async throws {
        try await connection.flows(plan.request.message) { messages in
            let flusher = follow ? Task { await printer.flushPeriodically(every: .milliseconds(50)) } : nil
            defer { flusher?.cancel() }
            var kept = Deque<FlowEnvelope>()
            var counted: UInt64 = 0
            let count = plan.request.localCount
            for try await message in messages {
                var envelope = message
                guard case .flow(let flow)? = envelope.responseTypes else {
                    // Lost events and node status are printed as they come; they do not count.
                    try printer.write(envelope)
                    continue
                }
                if let test = plan.test, !test(flow) { continue }
                if let mask = plan.displayMask { envelope = FlowEnvelope(flow: mask.apply(to: flow)) }
                counted += 1
                switch count {
                case .all: try printer.write(envelope)
                case .first(let n):
                    try printer.write(envelope)
                    if counted >= n { return }
                case .last(let n):
                    kept.append(envelope)
                    if UInt64(kept.count) > n { kept.removeFirst() }
                }
            }
            for envelope in kept { try printer.write(envelope) }
        }
        try printer.finish()
    }
}
