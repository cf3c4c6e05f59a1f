import ArgumentParser
import FilterLanguage
import FlowClient
import FlowModel
import FlowOutput
import Foundation
import SwiftProtobuf

/// `loupe observe`: read flows, select them, print them.
struct Observe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Observe flows: a one-shot query or a live tail.",
        discussion: """
            Reads flows from a Hubble server (--server: a Cilium agent on :4244, Hubble Relay on :4245, \
            or loupe-agent), from an agent running the seed scenario inside loupe (--demo), or from \
            hubble JSON lines (what `hubble observe -o jsonpb` prints) in --input-file (- for standard \
            input), and prints them as the reference hubble CLI does.

            Select flows with an expression (loupe observe 'ns == echo and verdict == DROPPED'; see \
            'loupe filter fields'), with the filter flags of hubble observe, or both: all must hold.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Read flows from a file of hubble JSON lines (- for standard input).", valueName: "FILE"))
    var inputFile: String?

    @OptionGroup(title: "Server")
    var serverOptions: ServerOptions

    @OptionGroup(title: "Selection")
    var selectionOptions: SelectionOptions

    @OptionGroup(title: "Output")
    var outputOptions: OutputOptions

    @OptionGroup(title: "Field mask")
    var fieldMaskOptions: FieldMaskOptions

    @OptionGroup(title: "Filter expression")
    var expressionOptions: ExpressionOptions

    @OptionGroup(title: "Filters (those of hubble observe)")
    var hubbleFilters: HubbleFilterOptions

    @Flag(name: .long, help: "Print the allow and deny lists the filter flags build, as YAML (hubble's form), then exit.")
    var printRawFilters = false

    /// The options of this command, other than the filter flags, that take a value (long names, and
    /// short letters): the scan that recovers the order of the filter flags skips their values.
    static let valueOptions: Set<String> = [
        "input-file", "last", "first", "since", "until", "output", "o", "color", "time-format", "ip-translation",
        "filter", "server", "request-timeout", "field-mask", "use-default-field-masks", "history",
        "tls-server-name", "tls-ca-cert-files", "tls-client-cert-file", "tls-client-key-file",
        "basic-auth-username", "basic-auth-password", "merge-window", "merge-delay",
    ]

    /// The filter flags as the reference CLI turns them into allow and deny lists.
    func flagFilters(arguments: [String] = Invocation.arguments) throws -> FlowFilterSet {
        let tail = arguments.firstIndex { $0 == "observe" || $0 == "top" }.map { Array(arguments[($0 + 1)...]) } ?? []
        let ordered = HubbleFilterOptions.orderedFlags(in: tail, valueOptions: Self.valueOptions)
        do {
            let lists = try HubbleFilterBuilder.build(ordered)
            return try FlowFilterSet(allow: lists.allow, deny: lists.deny)
        } catch let error as HubbleFlagError {
            throw CLIError.usage(error.description)
        } catch let error as FlowFilterError {
            throw CLIError.usage(error.description)
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let format = try outputOptions.format()
        if format == .table && selectionOptions.follow {
            throw CLIError.usage("table output format is not compatible with follow mode")
        }
        let now = Self.now()
        let selection = try selectionOptions.selection(now: now)
        let filters = try flagFilters()
        let expression = try expressionOptions.compiled(now: now)
        if printRawFilters {
            var sink = OutputSink()
            sink.buffers.stdout.append(contentsOf: Array(Self.rawFiltersYAML(filters).utf8))
            try sink.flush()
            return
        }
        if expressionOptions.explain {
            try explain(expression, flags: filters)
            return
        }
        let dropped = RecordCounter()
        // Records without a flow fail an allow list or an expression (and are counted); a deny list
        // alone lets them through, as the reference does.
        let dropsNonFlows = expression != nil || !filters.allow.isEmpty
        let test: FlowTest = switch (filters.isEmpty, expression) {
        case (true, nil): { _ in true }
        case (true, let expression?): expression.flowTest
        case (false, nil): { filters.matches($0) }
        case (false, let expression?): { [test = expression.flowTest] in filters.matches($0) && test($0) }
        }
        let accept: @Sendable (FlowEnvelope) -> Bool = { envelope in
            guard case .flow(let flow)? = envelope.responseTypes else {
                if dropsNonFlows { dropped.increment() }
                return !dropsNonFlows
            }
            return test(flow)
        }
        let options = outputOptions.formatOptions(environment: environment, stdoutIsTerminal: ColorChoice.stdoutIsTerminal)
        guard let inputFile else {
            let plan = try serverPlan(format: format, selection: selection, filters: filters, expression: expression)
            try await runAgainstServer(format: format, options: options, plan: plan)
            return
        }
        if serverOptions.demo || serverOptions.serverGiven {
            throw CLIError.usage("--input-file reads a capture; it cannot be combined with --server or --demo")
        }
        var sink = OutputSink()
        let source = FileFlowSource(path: inputFile)
        let report: (InputProblem) -> Void = { problem in OutputSink.printError(problem.description) }
        let summary: FileFlowSource.Summary
        do {
            if let renderer = makeRecordRenderer(format, options: options) {
                // Each record is rendered on a worker; the output keeps file order.
                // Without filters, compact lines need only part of each flow decoded.
                let unfiltered = filters.isEmpty && expression == nil
                summary = try await source.render(
                    selection: selection,
                    accept: accept,
                    skipping: unfiltered && format == .compact ? CompactFormatter.unusedMembers(options: options) : nil,
                    renderer: renderer,
                    report: report,
                    idle: { try sink.flush() },
                    write: { try sink.write($0) })
            } else {
                var formatter = makeFormatter(format, options: options)
                summary = try await source.run(
                    selection: selection,
                    accept: accept,
                    transform: { $0 },
                    report: report,
                    idle: { try sink.flush() },
                    deliver: { envelope in
                        formatter.write(envelope, to: &sink.buffers)
                        try sink.drain()
                    })
                formatter.finish(to: &sink.buffers)
            }
            try sink.flush()
        } catch let error as FlowInputError {
            try? sink.flush()
            throw CLIError.runtime(error.description)
        } catch let error as OutputSink.WriteFailed {
            throw CLIError.runtime(error.description)
        }
        if dropped.value > 0 {
            OutputSink.printError(
                "loupe: \(dropped.value) lost-event and node-status records not shown: filters select flows")
        }
        if summary.badLines > 0 {
            throw CLIError(
                message: "\(summary.badLines) of \(summary.linesRead) input lines could not be read",
                status: .inputData)
        }
    }

    /// `--explain`: what one request carries for the flags and the expression together, and what
    /// loupe checks itself.
    func explain(_ expression: FilterExpression?, flags: FlowFilterSet) throws {
        let flagLists = (allow: flags.allow, deny: flags.deny)
        let plan = expression.map { $0.plan.joined(withFlags: flagLists) } ?? .flags(allow: flags.allow, deny: flags.deny)
        var sink = OutputSink()
        sink.buffers.stdout.append(contentsOf: Array(plan.explanation().utf8))
        try sink.flush()
    }

    /// `allowlist:` and `denylist:` with one single-quoted JSON FlowFilter per item; `{}` when empty.
    static func rawFiltersYAML(_ filters: FlowFilterSet) -> String {
        guard !filters.isEmpty else { return "{}\n" }
        var text = ""
        for (key, list) in [("allowlist", filters.allow), ("denylist", filters.deny)] where !list.isEmpty {
            text += "\(key):\n"
            for filter in list {
                let json = filter.hubbleJSONString().replacingOccurrences(of: "'", with: "''")
                text += "    - '\(json)'\n"
            }
        }
        return text
    }

    static func now() -> Google_Protobuf_Timestamp {
        Google_Protobuf_Timestamp(date: Date())
    }
}
