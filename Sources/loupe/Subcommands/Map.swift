import ArgumentParser
import FilterLanguage
import FlowClient
import FlowModel
import Foundation
import LoupeCommands
import TrafficAnalysis

/// `loupe map`: who talks to whom, from the same sources and with the same filters as observe.
struct Map: LoupeCommand, FlowSourceOptions {
    static let configuration = CommandConfiguration(
        abstract: "Map who talks to whom: conversations with ports, verdicts, drop reasons, policies and L7 requests.",
        discussion: """
            Reads the same sources as observe (--input-file, --server, --demo) with the same filters, \
            and folds the flows into conversations: source and destination (a workload, a pod or a \
            namespace, as --group-by says; reserved entities such as host or kube-apiserver; the \
            world by the name DNS gave it, else its address), the server's port, and what was seen: \
            flows forwarded, dropped and otherwise, drop reasons, the policies the flows name, the \
            HTTP and DNS requests. Replies count with the request they answer.

            -o table (the default) aligns them in columns; -o json writes one object a line (for jq); \
            -o dot and -o mermaid draw them (dot -Tsvg, or a Mermaid block in markdown), drops in red. \
            From a server, without --last, --first, --since or --until, the whole buffer is read \
            (--all). With --follow the table is redrawn every --refresh until Ctrl-C.
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

    @OptionGroup(title: "Connection")
    var connectionOptions: ConnectionOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Output format: table, json, dot or mermaid.", valueName: "FORMAT"),
        completion: .list(MapFormat.allCases.map(\.rawValue)))
    var output = "table"

    @Option(name: .long, help: ArgumentHelp("What a node of the map is: namespace, workload or pod.", valueName: "GRAIN"),
        completion: .list(Grouping.allCases.map(\.rawValue)))
    var groupBy = "workload"

    @Option(name: .long, help: ArgumentHelp("With --follow on a terminal, redraw this often (a duration such as 2s).", valueName: "DURATION"))
    var refresh = "2s"

    var inputFile: String? { inputOptions.inputFile }

    func run(in context: CommandContext) async throws {
        guard let format = MapFormat(rawValue: output) else {
            throw CLIError.usage("invalid output format \"\(output)\": use table, json, dot or mermaid")
        }
        guard let grouping = Grouping(rawValue: groupBy) else {
            throw CLIError.usage("invalid --group-by \"\(groupBy)\": use namespace, workload or pod")
        }
        guard let nanoseconds = GoDuration.parse(refresh), nanoseconds >= 100_000_000 else {
            throw CLIError.usage("invalid --refresh \"\(refresh)\": use a duration of at least 100ms, such as 2s")
        }
        let query = try summaryQuery(arguments: context.arguments(after: "map"), now: Date())
        if expressionOptions.explain { return try context.print(query.plan.explanation()) }
        let run = MapRun(query: query, grouping: grouping, output: .map(format), refresh: .nanoseconds(nanoseconds), context: context)
        try await readConversations(run, context: context)
    }
}
