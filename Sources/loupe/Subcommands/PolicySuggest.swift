import ArgumentParser
import FilterLanguage
import FlowClient
import Foundation
import LoupeCommands
import TrafficAnalysis

/// `loupe policy suggest`: least-privilege policies that allow what was seen forwarded.
struct PolicySuggest: LoupeCommand, FlowSourceOptions {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Suggest least-privilege policies that allow exactly the conversations seen forwarded.",
        discussion: """
            Reads the same sources as observe with the same filters, folds the flows into \
            conversations as loupe map does, and writes a NetworkPolicy for each workload and \
            direction: its pods selected by stable labels (app.kubernetes.io/ labels, else app, else \
            k8s-app; never pod-template-hash and the like), the other end by its labels and its \
            namespace (kubernetes.io/metadata.name), or an address outside the cluster as an ipBlock; \
            the server's ports. Each rule is commented with the conversations it comes from.

            Conversations a policy dropped are listed as denied today and allowed only with \
            --include-dropped; what a NetworkPolicy cannot name (Cilium's entities such as host, \
            a destination known by its DNS name only) or whose labels the flows did not carry is \
            listed and left out.

            With --kind cilium, CiliumNetworkPolicies: the other end by fromEndpoints/toEndpoints \
            with its namespace, Cilium's entities (host, remote-node, kube-apiserver, …), toFQDNs for \
            names seen in DNS answers (with a DNS rule on the lookups to port 53, through which Cilium \
            learns their addresses), toCIDR otherwise; with --l7, HTTP rules allowing exactly the \
            requests seen.
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

    @Option(name: .long, help: ArgumentHelp("The kind of policy: networkpolicy or cilium (CiliumNetworkPolicy).", valueName: "KIND"), completion: .list(["networkpolicy", "cilium"]))
    var kind = "networkpolicy"

    @Option(name: .long, help: ArgumentHelp("Which traffic to allow: ingress, egress or both.", valueName: "DIRECTION"),
        completion: .list(["ingress", "egress", "both"]))
    var direction = "both"

    @Flag(name: .long, help: "Allow also the conversations a policy drops today.")
    var includeDropped = false

    @Flag(name: .long, help: "With --kind cilium: HTTP rules allowing exactly the requests seen (method and path).")
    var l7 = false

    var inputFile: String? { inputOptions.inputFile }

    func run(in context: CommandContext) async throws {
        var options = PolicySuggestion.Options()
        guard let parsed = PolicySuggestion.Kind(rawValue: kind) else {
            throw CLIError.usage("invalid --kind \"\(kind)\": use networkpolicy (Kubernetes NetworkPolicy) or cilium (CiliumNetworkPolicy)")
        }
        options.kind = parsed
        guard !l7 || parsed == .cilium else { throw CLIError.usage("--l7 needs --kind cilium: a NetworkPolicy has no L7 rules") }
        options.l7 = l7
        switch direction {
        case "ingress": options.directions = [.ingress]
        case "egress": options.directions = [.egress]
        case "both": options.directions = [.ingress, .egress]
        default: throw CLIError.usage("invalid --direction \"\(direction)\": use ingress, egress or both")
        }
        options.includeDropped = includeDropped
        if selectionOptions.follow { throw CLIError.usage("policy suggest reads what was seen: --follow does not apply") }
        let query = try summaryQuery(arguments: context.arguments(after: "suggest"), now: Date())
        if expressionOptions.explain { return try context.print(query.plan.explanation()) }
        try await readConversations(MapRun(query: query, grouping: .workload, output: .networkPolicies(options), context: context), context: context)
    }
}
