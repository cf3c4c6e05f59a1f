import ArgumentParser
import ClusterSimulation
import FlowModel
import PolicyEngine

/// `loupe-agent policy explain --scenario FILE --from NS/POD --to TARGET`, or `--matrix`.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Ask the scenario's policies (NetworkPolicies and Cilium's).", subcommands: [Explain.self])

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Who can talk to what: the verdict for a connection and the rules that decide it.",
            discussion: """
                Exit status: 0 when everything asked is allowed, 1 when something is denied (by policy, or by the \
                L7 proxy for --http and --dns), 2 for a usage error.
                """)

        @Option(help: ArgumentHelp("The scenario file.", valueName: "file"))
        var scenario: String

        @Option(help: ArgumentHelp("The client pod (or its address).", valueName: "ns/pod"))
        var from: String?

        @Option(help: ArgumentHelp(
            "The server: a pod, a service (DNS name, name.ns or ns/name), an external host's name or an address, a port, and TCP (default), UDP, SCTP, or ICMP with the type as port.",
            valueName: "target:port[/proto]"))
        var to: String?

        @Option(help: ArgumentHelp("An HTTP request to ask the L7 proxy about.", valueName: "'METHOD /path'"))
        var http: String?

        @Option(help: ArgumentHelp("A name to look up through the DNS proxy (--to defaults to kube-dns).", valueName: "name"))
        var dns: String?

        @Option(help: ArgumentHelp("The TLS server name (SNI) the client sends.", valueName: "name"))
        var sni: String?

        @Flag(help: "Answer every ordered pair of the scenario's pods for --port: . allowed, X denied, L through the L7 proxy, R refused by it.")
        var matrix = false

        @Option(help: ArgumentHelp("A port for --matrix (repeatable).", valueName: "port[/proto]"))
        var port: [String] = []

        @Option(name: [.short, .long], help: ArgumentHelp("text, or json (one object per line).", valueName: "format"))
        var output = "text"

        func validate() throws {
            guard output == "text" || output == "json" else { throw ValidationError("--output \(output): use text or json") }
            if matrix {
                guard from == nil, to == nil, dns == nil, sni == nil else { throw ValidationError("--matrix answers every pair: drop --from, --to, --dns and --sni") }
                guard !port.isEmpty else { throw ValidationError("--matrix needs at least one --port") }
            } else {
                guard from != nil else { throw ValidationError("--from is required (or --matrix)") }
                guard to != nil || dns != nil else { throw ValidationError("--to is required (or --dns)") }
                guard port.isEmpty else { throw ValidationError("--port is for --matrix; give the port in --to") }
            }
        }

        func run() throws {
            let loaded = try ScenarioCommand.load(scenario)
            var denied = false
            if matrix {
                let table = PolicyMatrix(scenario: loaded, ports: try ports(), http: try request())
                print(output == "json" ? table.jsonLines : table.text, terminator: "")
                denied = table.tables.contains { $0.cells.contains { $0.contains { $0 == .denied || $0 == .refused } } }
            } else {
                let question = Scenario.PolicyQuestion(from: from!, to: to, http: http, dns: dns, sni: sni)
                let answers: [Scenario.PolicyAnswer]
                do {
                    answers = try loaded.explainPolicy(question)
                } catch {
                    throw AgentUsageError(message: error.description)
                }
                for answer in answers { print(output == "json" ? answer.json : answer.text, terminator: output == "json" ? "\n" : "") }
                denied = answers.contains { !$0.allowed }
            }
            if denied { throw ExitCode(1) }
        }

        func ports() throws -> [(Int, Transport)] {
            try port.map { text in
                var number = Substring(text)
                var transport = Transport.tcp
                if let slash = number.firstIndex(of: "/") {
                    guard let parsed = Transport(rawValue: number[number.index(after: slash)...].uppercased()) else {
                        throw AgentUsageError(message: "--port \(text): the protocol is TCP, UDP, SCTP or ICMP")
                    }
                    transport = parsed
                    number = number[..<slash]
                }
                guard let value = Int(number), transport == .icmp ? (0...255).contains(value) : (1...65535).contains(value) else {
                    throw AgentUsageError(message: "--port \(text): write PORT[/PROTO], as 80 or 53/udp")
                }
                return (value, transport)
            }
        }

        func request() throws -> HTTPRequest? {
            guard let http else { return nil }
            let parts = http.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[1].hasPrefix("/") else { throw AgentUsageError(message: "--http \(http): write METHOD /path, as 'GET /api/v1/items'") }
            return HTTPRequest(method: parts[0], path: parts[1])
        }
    }
}
