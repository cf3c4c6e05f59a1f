import ArgumentParser
import ClusterSimulation

/// `loupe-agent policy explain --scenario FILE --from NS/POD --to NS/POD:PORT[/PROTO]`.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Ask the scenario's NetworkPolicies.", subcommands: [Explain.self])

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Who can talk to what: the verdict for a connection and the policies that decide it.")

        @Option(help: ArgumentHelp("The scenario file.", valueName: "file"))
        var scenario: String

        @Option(help: ArgumentHelp("The client pod.", valueName: "ns/pod"))
        var from: String

        @Option(help: ArgumentHelp("The server: a pod or a service name, a port, and TCP (default), UDP or SCTP.", valueName: "ns/pod:port[/proto]"))
        var to: String

        func run() throws {
            let loaded = try ScenarioCommand.load(scenario)
            do {
                for answer in try loaded.explainPolicy(from: from, to: to) { print(answer.text, terminator: "") }
            } catch {
                throw AgentUsageError(message: error.description)
            }
        }
    }
}
