import ArgumentParser
import LoupeCommands

/// `loupe list nodes` and `loupe list namespaces`.
struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the nodes a server knows, or the namespaces its flows came from.",
        subcommands: [Nodes.self, Namespaces.self])

    struct Nodes: LoupeCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the nodes behind a server (GetNodes: Hubble Relay and loupe-agent answer it; a Cilium agent does not).")

        @OptionGroup(title: "Server")
        var serverOptions: ServerOptions

        @Option(name: [.short, .long], help: ArgumentHelp("Output format: table, wide or json.", valueName: "FORMAT"),
            completion: .list(ListReport.Format.allCases.map(\.rawValue)))
        var output = "table"

        @OptionGroup(title: "Connection")
        var connectionOptions: ConnectionOptions

        func run(in context: CommandContext) async throws {
            let format = try ListReport.Format.named(output)
            try await ListReport.nodes(servers: try serverOptions.settings(connection: connectionOptions, environment: context.environment), format: format, context: context)
        }
    }

    struct Namespaces: LoupeCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the namespaces seen in flows during the last hour (GetNamespaces).")

        @OptionGroup(title: "Server")
        var serverOptions: ServerOptions

        @Option(name: [.short, .long], help: ArgumentHelp("Output format: table, wide or json.", valueName: "FORMAT"),
            completion: .list(ListReport.Format.allCases.map(\.rawValue)))
        var output = "table"

        @OptionGroup(title: "Connection")
        var connectionOptions: ConnectionOptions

        func run(in context: CommandContext) async throws {
            let format = try ListReport.Format.named(output)
            try await ListReport.namespaces(servers: try serverOptions.settings(connection: connectionOptions, environment: context.environment), format: format, context: context)
        }
    }
}
