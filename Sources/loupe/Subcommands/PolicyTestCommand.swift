import ArgumentParser
import FilterLanguage
import FlowClient
import Foundation
import LoupeCommands
import TrafficAnalysis

/// `loupe policy test`: what a proposed policy set would change for the traffic seen.
struct PolicyTestCommand: LoupeCommand, FlowSourceOptions {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Test proposed policies against observed traffic: what would be newly dropped or allowed.",
        discussion: """
            Reads the same sources as observe with the same filters, folds the flows into \
            conversations as loupe map does, and judges each as a new connection (its server port \
            and protocol, the labels and namespace the flows gave its ends) against the policies of \
            --policies (a manifest file, or a directory of them: NetworkPolicies, \
            CiliumNetworkPolicies and CiliumClusterwideNetworkPolicies, with Cilium's semantics) with \
            loupe-agent's policy engine, without a cluster. Prints each conversation whose fate would change, with the policies \
            that decide it, and those the flows do not say enough about (unknown), then a summary.

            Exit status 0 when nothing seen forwarded would be dropped, 1 when something would be \
            (a gate for policy changes in CI), 2 for a bad policy file or flag.
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

    @Option(name: .long, help: ArgumentHelp("The proposed policies (NetworkPolicy, CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy): a manifest file or a directory of them.", valueName: "FILE|DIR"),
        completion: .file(extensions: ["yaml", "yml", "json"]))
    var policies: String

    @Option(name: [.short, .long], help: ArgumentHelp("Output format: table or json.", valueName: "FORMAT"), completion: .list(["table", "json"]))
    var output = "table"

    var inputFile: String? { inputOptions.inputFile }

    func run(in context: CommandContext) async throws {
        guard output == "table" || output == "json" else { throw CLIError.usage("invalid output format \"\(output)\": use table or json") }
        if selectionOptions.follow { throw CLIError.usage("policy test judges what was seen: --follow does not apply") }
        let proposed = try PolicyFiles.load(policies)
        let query = try summaryQuery(arguments: context.arguments(after: "test"), now: Date())
        if expressionOptions.explain { return try context.print(query.plan.explanation()) }
        try await readConversations(
            MapRun(query: query, grouping: .workload, output: .policyTest(proposed, json: output == "json"), context: context), context: context)
    }
}
