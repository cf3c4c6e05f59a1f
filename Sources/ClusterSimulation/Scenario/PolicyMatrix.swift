import FlowModel
import PolicyEngine

/// Every ordered pair of a scenario's pods, judged for each port asked: the truth table of the
/// Kubernetes NetworkPolicy e2e suite (`.` allowed, `X` denied), with Cilium's proxy marked (`L`:
/// connected through the L7 proxy, whose rules judge each request; `R`: the request asked about is
/// refused). A pod reaches itself over loopback, which no policy sees (the e2e suite's
/// `AllowLoopback`).
public struct PolicyMatrix: Sendable {
    public enum Cell: String, Sendable, Hashable {
        case allowed = "."
        case denied = "X"
        case proxied = "L"
        case refused = "R"

        var word: String {
            switch self {
            case .allowed: "allowed"
            case .denied: "denied"
            case .proxied: "proxied"
            case .refused: "refused"
            }
        }
    }

    /// One port's table: `cells[from][to]`.
    public struct Table: Sendable {
        public var port: Int
        public var transport: Transport
        public var cells: [[Cell]]
        /// The verdicts behind the cells, in the same order.
        public var verdicts: [[PolicyVerdict]]
    }

    /// `namespace/name`, sorted.
    public var pods: [String]
    public var tables: [Table]

    public init(scenario: Scenario, ports: [(Int, Transport)], http: HTTPRequest? = nil) {
        let sorted = scenario.pods.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
        pods = sorted.map { "\($0.namespace)/\($0.name)" }
        let policies = scenario.policySet
        let endpoints = sorted.map(\.policyEndpoint)
        tables = ports.map { port, transport in
            var cells: [[Cell]] = []
            var verdicts: [[PolicyVerdict]] = []
            for (i, source) in endpoints.enumerated() {
                var row: [Cell] = []
                var rowVerdicts: [PolicyVerdict] = []
                for (j, destination) in endpoints.enumerated() {
                    let verdict = policies.evaluate(PolicyConnection(source: source, destination: destination, port: port, protocol: transport))
                    rowVerdicts.append(verdict)
                    if i == j {
                        row.append(.allowed)
                    } else if !verdict.allowed {
                        row.append(.denied)
                    } else if case let proxies = [verdict.egressProxy, verdict.ingressProxy].compactMap({ $0 }).filter({ $0.parsesHTTP || $0.parsesDNS }),
                        !proxies.isEmpty
                    {
                        // Both ends' proxies judge a request in turn.
                        if let http, proxies.contains(where: \.parsesHTTP) {
                            row.append(proxies.contains { $0.parsesHTTP && $0.permit(http) == nil } ? .refused : .allowed)
                        } else {
                            row.append(proxies.allSatisfy { !$0.wildcards.isEmpty } ? .allowed : .proxied)
                        }
                    } else {
                        row.append(.allowed)
                    }
                }
                cells.append(row)
                verdicts.append(rowVerdicts)
            }
            return Table(port: port, transport: transport, cells: cells, verdicts: verdicts)
        }
    }

    /// Tab-separated, as the e2e suite prints its truth tables: a header of destinations after `-`,
    /// then a row per source.
    public var text: String {
        var out = ""
        for table in tables {
            out += "\(table.port)/\(table.transport.rawValue): . allowed, X denied, L through the L7 proxy (its rules judge each request), R refused by the proxy\n"
            out += (["-"] + pods).joined(separator: "\t") + "\n"
            for (from, row) in zip(pods, table.cells) {
                out += ([from] + row.map(\.rawValue)).joined(separator: "\t") + "\n"
            }
        }
        return out
    }

    /// One JSON object per line and pair: `{"from", "to", "port", "protocol", "verdict", "egress",
    /// "ingress", "rules"}`, each direction `{"decision", "policies", "rules"}`.
    public var jsonLines: String {
        var out = ""
        for table in tables {
            for (i, from) in pods.enumerated() {
                for (j, to) in pods.enumerated() {
                    let verdict = table.verdicts[i][j]
                    var writer = JSONWriter(capacity: 256)
                    writer.beginObject()
                    writer.key("from")
                    writer.string(from)
                    writer.key("to")
                    writer.string(to)
                    writer.key("port")
                    writer.number(table.port)
                    writer.key("protocol")
                    writer.string(table.transport.rawValue)
                    writer.key("verdict")
                    writer.string(table.cells[i][j].word)
                    writer.key("egress")
                    Self.write(verdict.egress, rules: verdict.egressRules, into: &writer)
                    writer.key("ingress")
                    Self.write(verdict.ingress, rules: verdict.ingressRules, into: &writer)
                    writer.endObject()
                    out += writer.text + "\n"
                }
            }
        }
        return out
    }

    /// One direction: `{"decision", "policies", "rules": [{"path", "kind", "policy"}]}`.
    static func write(_ decision: PolicyVerdict.Decision, rules: [RuleReference], into writer: inout JSONWriter) {
        let policies: [String] =
            switch decision {
            case .allowed(let names), .denied(let names), .deniedByRule(let names): names
            case .notApplicable, .notIsolated: []
            }
        writer.beginObject()
        writer.key("decision")
        writer.string(word(decision))
        writer.key("policies")
        writer.beginArray()
        for policy in policies {
            writer.arrayElement()
            writer.string(policy)
        }
        writer.endArray()
        writer.key("rules")
        writer.beginArray()
        for rule in rules {
            writer.arrayElement()
            writer.beginObject()
            writer.key("path")
            writer.string(rule.path)
            writer.key("kind")
            writer.string(rule.kind)
            writer.key("policy")
            writer.string(rule.policy)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    static func word(_ decision: PolicyVerdict.Decision) -> String {
        switch decision {
        case .notApplicable: "not-applicable"
        case .notIsolated: "not-isolated"
        case .allowed: "allowed"
        case .denied: "denied"
        case .deniedByRule: "denied-by-rule"
        }
    }
}
