import FlowModel
import PolicyEngine

extension Scenario.PolicyAnswer {
    /// The answer as one JSON object (a line of `policy explain -o json`):
    /// `{"from", "to", "port", "protocol", "allowed", "egress": {"decision", "policies", "rules"},
    /// "ingress": {…}, "proxy": {"kind", "request", "allowed", "rule"}}`.
    public var json: String {
        func text(_ value: String) -> String { "\"" + PolicyMatrix.escape(value) + "\"" }
        func side(_ direction: NetworkPolicy.Direction) -> String {
            let decision = verdict.decision(direction)
            let policies: [String] =
                switch decision {
                case .allowed(let names), .denied(let names), .deniedByRule(let names): names
                case .notApplicable, .notIsolated: []
                }
            let rules = verdict.rules(direction).map { "{\"path\":\(text($0.path)),\"kind\":\(text($0.kind)),\"policy\":\(text($0.policy))}" }
            return "{\"decision\":\(text(PolicyMatrix.word(decision))),\"policies\":[\(policies.map(text).joined(separator: ","))],\"rules\":[\(rules.joined(separator: ","))]}"
        }
        var out = "{\"from\":\(text(connection.source.displayName)),\"to\":\(text(connection.destination.displayName))"
        out += ",\"port\":\(connection.port),\"protocol\":\(text(connection.protocol.rawValue)),\"allowed\":\(allowed)"
        out += ",\"egress\":\(side(.egress)),\"ingress\":\(side(.ingress))"
        if let proxy {
            out += ",\"proxy\":{\"kind\":\(text(proxy.kind.rawValue)),\"request\":\(text(proxy.request)),\"allowed\":\(proxy.permittedBy != nil)"
            out += ",\"rule\":\(proxy.permittedBy.map { text($0.path) } ?? "null")}"
        }
        return out + "}"
    }
}
