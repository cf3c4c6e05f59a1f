import ArgumentParser
import FlowClient
import FlowModel
import Foundation
import HubbleAPI
import LoupeCommands

/// Where flows come from over the network (`--server`, or `--demo` for an in-process agent) and how
/// the connections are secured, with the reference CLI's flags.
struct ServerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A Hubble server: host:port, tls://host:port, unix:///path; repeat it to merge several (default: $LOUPE_SERVER, $HUBBLE_SERVER, localhost:4245).",
        valueName: "ADDR"))
    var server: [String] = []

    @Flag(name: .long, help: "Run an agent with the seed scenario inside loupe and read from it: no cluster needed.")
    var demo = false

    @Option(name: .long, help: ArgumentHelp("Deadline of unary calls (status, list), e.g. 12s or 500ms.", valueName: "DURATION"))
    var requestTimeout = "12s"

    @Flag(name: .long, help: "Connect with TLS (also for an address written tls://host:port).")
    var tls = false

    @Option(name: .long, help: ArgumentHelp("The name the server's certificate must carry, when it is not the address's host.", valueName: "NAME"))
    var tlsServerName: String?

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "PEM certificate authorities to trust instead of the system's (repeatable, or comma-separated).", valueName: "FILE"))
    var tlsCaCertFiles: [String] = []

    @Option(name: .long, help: ArgumentHelp("A PEM client certificate, for servers that ask for one (mTLS).", valueName: "FILE"))
    var tlsClientCertFile: String?

    @Option(name: .long, help: ArgumentHelp("The PEM key of --tls-client-cert-file.", valueName: "FILE"))
    var tlsClientKeyFile: String?

    @Flag(name: .long, help: "Accept any server certificate (testing only: the connection is not authenticated).")
    var tlsAllowInsecure = false

    @Option(name: .long, help: ArgumentHelp("Basic authentication user name (sent over TLS only).", valueName: "NAME"))
    var basicAuthUsername: String?

    @Option(name: .long, help: ArgumentHelp("Basic authentication password (sent over TLS only).", valueName: "PASSWORD"))
    var basicAuthPassword: String?

    @Flag(name: [.customShort("P"), .long], help: "Forward Hubble Relay's port with kubectl (its kubeconfig and context) and read through it.")
    var portForward = false

    @Option(name: .long, help: ArgumentHelp("With --port-forward: the local port (0: a free one).", valueName: "PORT"))
    var portForwardPort: UInt16 = 0

    @Option(name: .long, help: ArgumentHelp("With --port-forward: the service forwarded.", valueName: "NAME"))
    var portForwardService = "hubble-relay"

    @Option(name: .long, help: ArgumentHelp("With --port-forward: the namespace Cilium runs in.", valueName: "NAMESPACE"))
    var kubeNamespace = "kube-system"

    @Option(name: .long, help: ArgumentHelp("With --port-forward: the kubeconfig context.", valueName: "CONTEXT"))
    var kubeContext: String?

    @Option(name: .long, help: ArgumentHelp("With --port-forward: the kubeconfig file.", valueName: "FILE"))
    var kubeconfig: String?

    @Option(name: .long, help: ArgumentHelp(
        "With several servers: flows held per server to put them in time order.", valueName: "N"))
    var mergeWindow = 1024

    @Option(name: .long, help: ArgumentHelp(
        "With several servers, while following: how long a flow waits for a quiet server before it is printed.", valueName: "DURATION"))
    var mergeDelay = "100ms"

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

    /// The connection security of the flags, checked against the addresses.
    func security(for addresses: [ServerAddress]) throws -> ClientSecurity {
        var security = ClientSecurity()
        security.tls = tls
        security.serverName = tlsServerName
        security.caCertificateFiles = tlsCaCertFiles.flatMap(\.commaSeparated)
        security.clientCertificateFile = tlsClientCertFile
        security.clientKeyFile = tlsClientKeyFile
        security.allowInsecure = tlsAllowInsecure
        security.basicAuthUsername = basicAuthUsername
        security.basicAuthPassword = basicAuthPassword
        do {
            try security.validate(for: addresses)
        } catch {
            throw CLIError.usage(error.description)
        }
        return security
    }

    func timeout() throws -> Duration {
        guard let nanoseconds = GoDuration.parse(requestTimeout), nanoseconds > 0 else {
            throw CLIError.usage("invalid --request-timeout \"\(requestTimeout)\": use a duration such as 12s, 500ms or 1m")
        }
        return .nanoseconds(nanoseconds)
    }

    func mergeOptions() throws -> FlowMerger.Options {
        guard mergeWindow >= 1 else { throw CLIError.usage("--merge-window must be at least 1, got \(mergeWindow)") }
        guard let nanoseconds = GoDuration.parse(mergeDelay), nanoseconds >= 0 else {
            throw CLIError.usage("invalid --merge-delay \"\(mergeDelay)\": use a duration such as 100ms or 1s")
        }
        return FlowMerger.Options(capacity: mergeWindow, drain: .nanoseconds(nanoseconds))
    }

    /// The settings of these options, checked; `environment` gives kubectl its `PATH` and kubeconfig.
    func settings(environment: [String: String]) throws -> ServerSettings {
        let addresses = demo ? [] : try addresses()
        var settings = ServerSettings(
            demo: demo, addresses: addresses, security: demo ? ClientSecurity() : try security(for: addresses),
            requestTimeout: try timeout(), merge: try mergeOptions())
        if portForward && !demo {
            var forward = PortForward()
            forward.namespace = kubeNamespace
            forward.service = portForwardService
            // Hubble Relay's service serves on 443 when it has TLS, on 80 otherwise.
            forward.remotePort = settings.security.tls ? 443 : 80
            forward.localPort = portForwardPort
            forward.kubeContext = kubeContext
            forward.kubeconfig = kubeconfig
            forward.environment = environment
            if let path = environment["PATH"], !path.isEmpty { forward.searchPath = path }
            settings.portForward = forward
        }
        return settings
    }

    /// Whether a server was named on the command line.
    var serverGiven: Bool { !server.isEmpty }

}
