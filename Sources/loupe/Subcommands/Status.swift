import ArgumentParser
import LoupeCommands

/// `loupe status`: the server's health check, then its ServerStatus, as `hubble status` prints them,
/// followed by what else the server reports (seen flows, uptime, version).
struct Status: LoupeCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a server's health and flow buffer: flows held, capacity, rate, nodes, version.")

    @OptionGroup(title: "Server")
    var serverOptions: ServerOptions

    func run(in context: CommandContext) async throws {
        try await StatusReport.run(servers: try serverOptions.settings(environment: context.environment), context: context)
    }
}
