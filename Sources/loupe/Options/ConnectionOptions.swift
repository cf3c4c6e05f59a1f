import ArgumentParser
import FlowClient
import FlowModel
import Foundation
import LoupeCommands

/// How loupe reaches its servers once it knows which: deadlines, TLS and authentication, the port
/// forward's details, and how several servers are merged.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Deadline of unary calls (status, list) and of a read's first answer (with --follow, of the server's HTTP/2 greeting), e.g. 12s or 500ms.", valueName: "DURATION"))
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

}
