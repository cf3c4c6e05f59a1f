import ArgumentParser
import FlowClient
import FlowOutput
import Foundation
import LoupeCommands

/// `loupe top`: the live dashboard over the same sources and filters as `observe`.
struct Top: LoupeCommand, FlowOptions {
    static let configuration = CommandConfiguration(
        abstract: "A live dashboard: flows coloured by verdict, talkers, drops by namespace and reason, nodes, the map.",
        discussion: """
            Reads the same sources as observe (--server, --demo, --input-file) with the same filter flags; \
            the flags select what the server sends, and EXPR starts the dashboard's own filter, which / \
            edits live. Press ? for the keys. When standard output is not a terminal, prints observe's \
            lines instead.
            """)

    @OptionGroup(title: "Source")
    var inputOptions: InputOptions

    @OptionGroup(title: "Source")
    var serverOptions: ServerOptions

    @OptionGroup(title: "Selection")
    var selectionOptions: SelectionOptions

    @OptionGroup(title: "Filter expression")
    var expressionOptions: ExpressionOptions

    @OptionGroup(title: "Filters (those of hubble observe)")
    var hubbleFilters: HubbleFilterOptions

    @OptionGroup(title: "Output")
    var outputOptions: OutputOptions

    @OptionGroup(title: "Field mask")
    var fieldMaskOptions: FieldMaskOptions

    @OptionGroup(title: "Connection")
    var connectionOptions: ConnectionOptions

    /// The capture, when one is read.
    var inputFile: String? { inputOptions.inputFile }

    @Flag(name: .long, help: "Print the allow and deny lists the filter flags build, as YAML (hubble's form), then exit.")
    var printRawFilters = false

    @Option(name: .long, help: ArgumentHelp("Flows the dashboard keeps for its views.", valueName: "N"))
    var history = 10_000

    @Flag(name: .long, help: "No colours (also with NO_COLOR set, or --color never).")
    var monochrome = false

    func run(in context: CommandContext) async throws {
        guard context.stdoutIsTerminal else { return try await observe(in: context, command: "top") }
        if history < 1 { throw CLIError.usage("--history must be at least 1, got \(history)") }
        let query = try query(arguments: context.arguments(after: "top"), format: .compact, now: Date())
        let output = outputOptions
        var format = FormatOptions()
        format.timeLayout = try output.timeLayout()
        format.ipTranslation = output.ipTranslation && !output.numeric
        var launch = DashboardLaunch(
            flags: query.flags, initialFilter: expressionOptions.text ?? "", history: history,
            backlog: selectionOptions.last.map { Int(min($0, UInt64(history))) } ?? history, format: format,
            monochrome: DashboardLaunch.isMonochrome(flag: monochrome, color: output.color, environment: context.environment))
        launch.maximumLineLength = try inputOptions.maximumLineLength()
        await launch.run(inputFile: inputFile, servers: try serverOptions.settings(connection: connectionOptions, environment: context.environment))
    }
}
