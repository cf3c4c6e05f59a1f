import ArgumentParser
import LoupeCommands

/// `loupe status`: the server's health check, then its ServerStatus, as `hubble status` prints them,
/// followed by what else the server reports (seen flows, uptime, version).
struct Status: LoupeCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a server's health and flow buffer: flows held, capacity, rate, nodes, version.")

    @OptionGroup(title: "Server")
    var serverOptions: ServerOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Output format: compact, dict, table or json.", valueName: "FORMAT"),
        completion: .list(StatusFormat.allCases.map(\.rawValue)))
    var output = "compact"

    @OptionGroup(title: "Connection")
    var connectionOptions: ConnectionOptions

    func run(in context: CommandContext) async throws {
        let format = try StatusFormat.named(output)
        try await StatusReport.run(servers: try serverOptions.settings(connection: connectionOptions, environment: context.environment), format: format, context: context)
    }
}
