import ArgumentParser
import Dashboard
import FilterLanguage
import FlowClient
import FlowModel
import FlowOutput
import Foundation
import SwiftProtobuf

/// `loupe top`: the live dashboard over the same sources and filters as `observe`.
struct Top: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A live dashboard: flows coloured by verdict, talkers, drops by namespace and reason, nodes.",
        discussion: """
            Reads the same sources as observe (--server, --demo, --input-file) with the same filter flags; \
            the flags select what the server sends, and EXPR starts the dashboard's own filter, which / \
            edits live. Press ? for the keys. When standard output is not a terminal, prints observe's \
            lines instead.
            """)

    @Option(name: .long, help: ArgumentHelp("Read flows from a file of hubble JSON lines (- for standard input).", valueName: "FILE"))
    var inputFile: String?

    @OptionGroup(title: "Server")
    var serverOptions: ServerOptions

    @OptionGroup(title: "Selection (the history a server sends first; without a terminal, as observe)")
    var selectionOptions: SelectionOptions

    @OptionGroup(title: "Output (without a terminal, as observe; the dashboard uses --time-format and --color)")
    var outputOptions: OutputOptions

    @OptionGroup(title: "Filter expression")
    var expressionOptions: ExpressionOptions

    @OptionGroup(title: "Filters (those of hubble observe)")
    var hubbleFilters: HubbleFilterOptions

    @Option(name: .long, help: ArgumentHelp("Flows the dashboard keeps for its views.", valueName: "N"))
    var history = 10_000

    @Flag(name: .long, help: "No colours (also with NO_COLOR set, or --color never).")
    var monochrome = false

    /// Options only `top` has, removed before the rest is read as `observe`'s.
    static let ownOptions: Set<String> = ["--history", "--monochrome"]

    func run() async throws {
        let arguments = Array(Invocation.arguments.drop { $0 != "top" }.dropFirst())
        let observe = try Observe.parse(Self.observeArguments(arguments))
        guard isatty(STDOUT_FILENO) == 1 else {
            try await observe.run()
            return
        }
        if history < 1 { throw CLIError.usage("--history must be at least 1, got \(history)") }
        let now = Date()
        let filters = try observe.flagFilters()
        var format = FormatOptions()
        format.timeLayout = TimeLayout(name: outputOptions.timeFormat)
        format.ipTranslation = outputOptions.ipTranslation && !outputOptions.numeric
        let initialFilter = expressionOptions.text ?? ""
        if !initialFilter.isEmpty { _ = try ExpressionOptions.compile(initialFilter, now: Google_Protobuf_Timestamp(date: now)) }
        let environment = ProcessInfo.processInfo.environment
        let monochrome = self.monochrome || outputOptions.color == "never"
            || (outputOptions.color != "always" && !(environment["NO_COLOR"] ?? "").isEmpty)
        let state = DashboardState(
            size: Size(width: 80, height: 24), now: now, filter: initialFilter, historyLimit: history, format: format,
            colors: monochrome ? .monochrome : .color)
        let runner = DashboardRunner(pendingLimit: max(20_000, 2 * history))
        let backlog = selectionOptions.last.map { Int(min($0, UInt64(history))) } ?? history
        let source = Task {
            await DashboardFeed(runner: runner, history: backlog, filters: filters).run(inputFile: inputFile, server: serverOptions)
        }
        let signals = SignalHandlers { _ in runner.stop() }
        defer {
            signals.cancel()
            source.cancel()
        }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread {
                _ = runner.run(state, monochrome: monochrome)
                done.resume()
            }.start()
        }
    }

    /// The arguments after `top`, without the options `observe` does not have.
    static func observeArguments(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var skipValue = false
        for argument in arguments {
            if skipValue {
                skipValue = false
                continue
            }
            let name = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            if ownOptions.contains(name) {
                skipValue = argument != "--monochrome" && !argument.contains("=")
                continue
            }
            result.append(argument)
        }
        return result
    }
}
