import FlowModel
import PolicyEngine

extension Scenario.PolicyAnswer {
    /// The answer as one JSON object (a line of `policy explain -o json`):
    /// `{"from", "to", "port", "protocol", "allowed", "egress": {"decision", "policies", "rules"},
    /// "ingress": {…}, "proxy": {"kind", "request", "allowed", "rule"}}`.
    public var json: String {
        var writer = JSONWriter(capacity: 512)
        writer.beginObject()
        writer.key("from")
        writer.string(connection.source.displayName)
        writer.key("to")
        writer.string(connection.destination.displayName)
        writer.key("port")
        writer.number(connection.port)
        writer.key("protocol")
        writer.string(connection.protocol.rawValue)
        writer.key("allowed")
        writer.bool(allowed)
        for direction in [NetworkPolicy.Direction.egress, .ingress] {
            writer.key(direction == .egress ? "egress" : "ingress")
            PolicyMatrix.write(verdict.decision(direction), rules: verdict.rules(direction), into: &writer)
        }
        if let proxy {
            writer.key("proxy")
            writer.beginObject()
            writer.key("kind")
            writer.string(proxy.kind.rawValue)
            writer.key("request")
            writer.string(proxy.request)
            writer.key("allowed")
            writer.bool(proxy.permittedBy != nil)
            writer.key("rule")
            if let rule = proxy.permittedBy { writer.string(rule.path) } else { writer.append("null") }
            writer.endObject()
        }
        writer.endObject()
        return writer.text
    }
}
