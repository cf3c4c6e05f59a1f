import AgentServer
import ArgumentParser
import BuildInfo
import ClusterSimulation
import FlowClient
import FlowModel
import FlowOutput
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import HubbleAPI

/// `loupe-agent serve`: the Hubble API over a simulated cluster or a replayed capture.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve observer.Observer, peer.Peer and gRPC health from a simulated cluster or a replayed capture.",
        discussion: """
            With --scenario, the cluster's traffic is simulated and every connection is decided by its \
            NetworkPolicies; the ring starts with --history of traffic, so a first query has something \
            to show. With --replay, a capture of hubble JSON lines is played at the pace of its \
            timestamps (times --speed), stamped with the time it is served.

            Without --node the agent serves every node of the scenario, like Hubble Relay; with --node, \
            only what that node's Cilium agent would see. SIGINT or SIGTERM ends every stream cleanly.
            """)

    @Option(name: .long, help: ArgumentHelp("Simulate the cluster of this scenario file.", valueName: "FILE"))
    var scenario: String?

    @Option(name: .long, help: ArgumentHelp("Replay this capture (hubble JSON lines; - for standard input).", valueName: "FILE"))
    var replay: String?

    @Option(name: .long, help: ArgumentHelp("Where to listen: host:port, [v6]:port or unix:///path.", valueName: "ADDR"))
    var listen = "127.0.0.1:4245"

    @Option(name: .long, help: ArgumentHelp("Serve only this node of the scenario.", valueName: "NAME"))
    var node: String?

    @Option(name: .long, help: ArgumentHelp("Flows the ring holds.", valueName: "N"))
    var bufferSize = 4095

    @Option(name: .long, help: ArgumentHelp("Seed of the simulation: the same seed gives the same flows.", valueName: "N"))
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Flows per second the simulation produces.", valueName: "FLOWS_PER_SEC"))
    var rate = 100.0

    @Option(name: .long, help: ArgumentHelp("Simulated traffic already in the ring at start, in seconds.", valueName: "SECONDS"))
    var history = 30.0

    @Flag(name: .long, help: "Replay the capture over and over.")
    var loop = false

    @Option(name: .long, help: ArgumentHelp("Replay this many times faster than the capture's timestamps.", valueName: "X"))
    var speed = 1.0

    @Option(name: .long, help: ArgumentHelp(
        "Shorten pauses in a replayed capture longer than this (a Go duration such as 1s or 500ms; 0 keeps them).", valueName: "DURATION"))
    var maxGap = "1s"

    @Option(name: .long, help: ArgumentHelp("Serve TLS with this PEM certificate (chain).", valueName: "FILE"))
    var tlsCertFile: String?

    @Option(name: .long, help: ArgumentHelp("The PEM key of --tls-cert-file.", valueName: "FILE"))
    var tlsKeyFile: String?

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "Require client certificates signed by these PEM authorities (mTLS; repeatable, or comma-separated).", valueName: "FILE"))
    var tlsClientCaFiles: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Let in only these users: one user:bcrypt-hash per line, as htpasswd -nB USER prints (needs TLS).", valueName: "FILE"))
    var basicAuthFile: String?

    @Option(name: .long, help: ArgumentHelp(
        "Connections served at once; more are closed at once (each holds a descriptor and memory).", valueName: "N"))
    var maxConnections = 1_000

    static let rateRange = 0.001...1_000_000.0
    static let speedRange = 0.001...1_000_000.0
    /// Flows of history simulated before serving, at most (about 10 s of simulation).
    static let maxHistoryFlows = 2_000_000.0

    /// `--max-gap` in nanoseconds; nil for 0 (every pause kept).
    func maxGapNanoseconds() throws -> Int64? {
        guard let nanoseconds = GoDuration.parse(maxGap), nanoseconds >= 0 else {
            throw AgentUsageError(message: "invalid --max-gap \"\(maxGap)\": use a duration such as 1s, 500ms or 0")
        }
        return nanoseconds == 0 ? nil : nanoseconds
    }

    /// Checked when the command runs, so that mistakes are reported as loupe-agent's usage errors.
    func checkArguments() throws {
        if (scenario == nil) == (replay == nil) { throw AgentUsageError(message: "serve needs exactly one of --scenario FILE and --replay FILE") }
        if bufferSize < 1 || bufferSize > 1 << 24 { throw AgentUsageError(message: "--buffer-size must be from 1 to 16777216, got \(bufferSize)") }
        // Bounds that keep every duration and count the simulation derives finite and in range, and
        // the start-up (the history is simulated before the agent listens) to seconds.
        if !(rate >= Self.rateRange.lowerBound && rate <= Self.rateRange.upperBound) {
            throw AgentUsageError(message: "--rate must be from 0.001 to 1000000 flows per second, got \(rate)")
        }
        if !(speed >= Self.speedRange.lowerBound && speed <= Self.speedRange.upperBound) {
            throw AgentUsageError(message: "--speed must be a factor from 0.001 to 1000000, got \(speed)")
        }
        if !(history >= 0 && history.isFinite) { throw AgentUsageError(message: "--history must be a number of seconds, zero or more, got \(history)") }
        if history * rate > Self.maxHistoryFlows {
            throw AgentUsageError(message: "--history \(history) at --rate \(rate) would simulate \(Int((history * rate).rounded())) flows before serving "
                + "(at most \(Int(Self.maxHistoryFlows))): the ring keeps only --buffer-size of them, so a shorter history gives the same ring")
        }
        _ = try maxGapNanoseconds()
        if (tlsCertFile == nil) != (tlsKeyFile == nil) { throw AgentUsageError(message: "--tls-cert-file and --tls-key-file must be given together") }
        if !tlsClientCaFiles.isEmpty && tlsCertFile == nil { throw AgentUsageError(message: "--tls-client-ca-files needs --tls-cert-file and --tls-key-file") }
        for file in [tlsCertFile, tlsKeyFile].compactMap({ $0 }) + clientAuthorities where !FileManager.default.isReadableFile(atPath: file) {
            throw AgentUsageError(message: "cannot read \(file): no such file or not readable")
        }
        if basicAuthFile != nil && tlsCertFile == nil {
            throw AgentUsageError(message: "--basic-auth-file needs --tls-cert-file and --tls-key-file: passwords must not cross the network in clear")
        }
        if replay != nil && node != nil { throw AgentUsageError(message: "--node selects a node of a --scenario; a replay serves its capture as it is") }
    }

    func run() async throws {
        try checkArguments()
        guard (1...1_000_000).contains(maxConnections) else {
            throw AgentUsageError(message: "--max-connections must be from 1 to 1,000,000, got \(maxConnections)")
        }
        let address = try Self.listenAddress(listen)
        var authenticator: BasicAuthenticator?
        if let basicAuthFile {
            do {
                authenticator = BasicAuthenticator(users: try BasicAuthUsers.load(basicAuthFile))
            } catch {
                throw AgentUsageError(message: error.description)
            }
        }
        let interceptors: [any ServerInterceptor] = authenticator.map { [BasicAuthInterceptor(authenticator: $0)] } ?? []
        let version = "loupe-agent v\(BuildInfo.version)"
        let agent: Agent
        let pacer: FlowPacer
        let feed: any FlowFeed
        if let scenarioFile = scenario {
            let cluster = try ScenarioCommand.load(scenarioFile)
            if let node, !cluster.nodes.contains(where: { $0.name == node }) {
                throw AgentUsageError(message: "node \"\(node)\" is not in \(scenarioFile): \(cluster.nodes.map(\.name).joined(separator: ", "))")
            }
            let simulation = AgentSimulation(
                scenario: cluster, node: node, bufferSize: bufferSize, serverVersion: version, seed: seed, rate: rate, history: history)
            agent = simulation.agent
            feed = simulation.traffic
            pacer = simulation.pacer
        } else {
            let flows = try await Self.readCapture(replay!)
            let hub = FlowHub(nodeName: "loupe-agent", cluster: "", capacity: bufferSize)
            let nodes = Set(flows.map(\.nodeName)).sorted().map { AgentDescription.Node(name: $0, address: "127.0.0.1", cluster: "", shortName: $0) }
            agent = Agent(hub: hub, description: AgentDescription(serverVersion: version, nodes: nodes))
            let replayed = ReplayFeed(flows: flows, loop: loop, maxGap: try maxGapNanoseconds())
            if replayed.shortenedGaps.count > 0 {
                let count = replayed.shortenedGaps.count
                OutputSink.printError(
                    "loupe-agent: \(count) pause\(count == 1 ? "" : "s") in the capture longer than \(maxGap) (the longest "
                        + "\(GoDuration.string(nanoseconds: UInt64(replayed.shortenedGaps.longest)))) \(count == 1 ? "is" : "are") shortened to \(maxGap) (--max-gap)")
            }
            feed = replayed
            pacer = FlowPacer(hub: hub, speed: speed, restamp: true)
        }
        let signals = SignalHandlers { signal in
            OutputSink.printError("loupe-agent: \(signal), stopping")
            agent.shutdown()
        }
        defer { signals.cancel() }
        let transport = HTTP2ServerTransport.Posix(address: address, transportSecurity: transportSecurity, config: AgentTransport.config(
                connections: ConnectionGuard(maximumConnections: maxConnections),
                getFlows: DirectGetFlows(service: ObserverService(hub: agent.hub, description: agent.description), authenticator: authenticator)))
        let served = agent.description.nodes.count
        do {
            try await agent.run(transport: transport, feed: feed, pacer: pacer, interceptors: interceptors) { server in
                do {
                    let bound = try await transport.listeningAddress
                    let shown = Self.display(bound)
                    OutputSink.printError("loupe-agent: serving \(served) node\(served == 1 ? "" : "s") on \(shown)")
                } catch {
                    // The transport failed to bind; `run` throws why, and that is what is told.
                    agent.shutdown()
                }
            }
        } catch {
            if "\(error)".contains("Address already in use") {
                throw AgentRuntimeError(
                    message: "cannot listen on \(listen): the address is in use (another program listens there: choose another with --listen, or port 0 for a free one)")
            }
            throw AgentRuntimeError(message: "cannot serve on \(listen): \(error)")
        }
    }

    var clientAuthorities: [String] {
        tlsClientCaFiles.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }

    /// Plaintext, TLS with the certificate and key, or mTLS when client authorities are given.
    var transportSecurity: HTTP2ServerTransport.Posix.TransportSecurity {
        guard let certificate = tlsCertFile, let key = tlsKeyFile else { return .plaintext }
        let chain: [TLSConfig.CertificateSource] = [.file(path: certificate, format: .pem)]
        let authorities = clientAuthorities
        guard !authorities.isEmpty else { return .tls(certificateChain: chain, privateKey: .file(path: key, format: .pem)) }
        return .mTLS(certificateChain: chain, privateKey: .file(path: key, format: .pem)) {
            $0.trustRoots = .certificates(authorities.map { .file(path: $0, format: .pem) })
            $0.clientCertificateVerification = .noHostnameVerification
        }
    }

    static func listenAddress(_ text: String) throws -> GRPCNIOTransportCore.SocketAddress {
        let address: ServerAddress
        do {
            address = try ServerAddress.parse(text, listening: true)
        } catch {
            throw AgentUsageError(message: "--listen: \(error.description)")
        }
        if address.tls { throw AgentUsageError(message: "--listen: give TLS with --tls-cert-file and --tls-key-file, not tls://") }
        switch address.endpoint {
        case .unix(let path): return .unixDomainSocket(path: path)
        case .host(let host, let port):
            if host.contains(":") { return .ipv6(host: host, port: port) }
            return .ipv4(host: host == "localhost" ? "127.0.0.1" : host, port: port)
        }
    }

    static func display(_ address: GRPCNIOTransportCore.SocketAddress) -> String {
        if let ipv4 = address.ipv4 { return "\(ipv4.host):\(ipv4.port)" }
        if let ipv6 = address.ipv6 { return "[\(ipv6.host)]:\(ipv6.port)" }
        if let unix = address.unixDomainSocket { return "unix://\(unix.path)" }
        return String(describing: address)
    }

    /// Every flow of a capture, in file order; unreadable lines are reported and skipped.
    static func readCapture(_ path: String) async throws -> [Flow] {
        var flows: [Flow] = []
        var sink = EnvelopeSink(report: { OutputSink.printError("loupe-agent: \($0)") }) { envelope in
            if case .flow(let flow)? = envelope.responseTypes { flows.append(flow) }
        }
        do {
            let summary = try await FileFlowSource(path: path).read(FlowQuery(), into: &sink)
            if summary.badLines > 0 {
                OutputSink.printError("loupe-agent: \(summary.badLines) of \(summary.linesRead) lines of \(path) could not be read and are not replayed")
            }
        } catch let error as FlowInputError {
            throw AgentUsageError(message: error.description)
        }
        if flows.isEmpty { throw AgentUsageError(message: "\(path) holds no flows to replay") }
        return flows
    }
}

/// A failure while serving (status 1).
struct AgentRuntimeError: Error {
    var message: String
}
