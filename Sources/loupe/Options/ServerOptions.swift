import ArgumentParser
import FlowClient
import FlowModel
import Foundation
import HubbleAPI
import LoupeCommands

/// Where flows come from over the network (`--server`, `--demo` for an in-process agent, `-P` to
/// forward Hubble Relay), with the reference CLI's flags; how the connections are made is
/// `ConnectionOptions`, shown last in the help.
struct ServerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A Hubble server: host:port, tls://host:port, unix:///path; repeat it to merge several (default: $LOUPE_SERVER, $HUBBLE_SERVER, localhost:4245).",
        valueName: "ADDR"))
    var server: [String] = []

    @Flag(name: .long, help: "Run an agent with the seed scenario inside loupe and read from it: no cluster needed.")
    var demo = false

    @Flag(name: [.customShort("P"), .long], help: "Forward Hubble Relay's port with kubectl (its kubeconfig and context) and read through it.")
    var portForward = false

    /// The addresses to use: the flags (which the environment and the config file fill in, see
    /// `Invocation`), or the reference's default.
    func addresses() throws -> [ServerAddress] {
        var texts = server.flatMap(\.commaSeparated)
        if texts.isEmpty { texts = [ServerAddress.defaultServer] }
        var seen = Set<String>()
        var addresses: [ServerAddress] = []
        for text in texts where seen.insert(text).inserted {
            do {
                addresses.append(try ServerAddress.parse(text))
            } catch {
                throw CLIError.usage(error.description)
            }
        }
        return addresses
    }

    /// The settings of these options, checked; `environment` gives kubectl its `PATH` and kubeconfig.
    func settings(connection: ConnectionOptions, environment: [String: String]) throws -> ServerSettings {
        let addresses = demo ? [] : try addresses()
        var settings = ServerSettings(
            demo: demo, addresses: addresses, security: demo ? ClientSecurity() : try connection.security(for: addresses),
            requestTimeout: try connection.timeout(), merge: try connection.mergeOptions())
        if portForward && !demo {
            var forward = PortForward()
            forward.namespace = connection.kubeNamespace
            forward.service = connection.portForwardService
            // Hubble Relay's service serves on 443 when it has TLS, on 80 otherwise.
            forward.remotePort = settings.security.tls ? 443 : 80
            forward.localPort = connection.portForwardPort
            forward.kubeContext = connection.kubeContext
            forward.kubeconfig = connection.kubeconfig
            forward.environment = environment
            if let path = environment["PATH"], !path.isEmpty { forward.searchPath = path }
            settings.portForward = forward
        }
        return settings
    }

    /// Whether a server was named on the command line.
    var serverGiven: Bool { !server.isEmpty }

}
