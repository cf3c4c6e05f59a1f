import ArgumentParser
import FlowClient
import FlowModel
import Foundation

/// Where flows come from over the network: `--server`, or `--demo` for an in-process agent.
struct ServerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The Hubble server: host:port, unix:///path (default: $LOUPE_SERVER, $HUBBLE_SERVER, localhost:4245).",
        valueName: "ADDR"))
    var server: String?

    @Flag(name: .long, help: "Run an agent with the seed scenario inside loupe and read from it: no cluster needed.")
    var demo = false

    @Option(name: .long, help: ArgumentHelp("Deadline of unary calls (status, list), e.g. 12s or 500ms.", valueName: "DURATION"))
    var requestTimeout = "12s"

    /// The address to use: the flag, then the environment, then the reference's default.
    func address(environment: [String: String]) throws -> ServerAddress {
        let text = server ?? environment["LOUPE_SERVER"].nonEmpty ?? environment["HUBBLE_SERVER"].nonEmpty ?? ServerAddress.defaultServer
        do {
            return try ServerAddress.parse(text)
        } catch {
            throw CLIError.usage(error.description)
        }
    }

    func timeout() throws -> Duration {
        guard let nanoseconds = GoDuration.parse(requestTimeout), nanoseconds > 0 else {
            throw CLIError.usage("invalid --request-timeout \"\(requestTimeout)\": use a duration such as 12s, 500ms or 1m")
        }
        return .nanoseconds(nanoseconds)
    }
}

extension Optional where Wrapped == String {
    /// `nil` for an unset or empty variable.
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}
