import FlowModel
import HubbleAPI

/// A suggestion as `cilium.io/v2` CiliumNetworkPolicy manifests: pods by `…Endpoints` with their
/// namespace, Cilium's entities, addresses by `…CIDR`, names by `toFQDNs` (with a DNS rule on the
/// lookups to port 53, through which Cilium learns the names' addresses), and with `l7`, HTTP rules
/// allowing exactly the requests seen (their paths with any query string). Each rule is commented
/// with the conversations it allows; the same map gives the same text.
public enum CiliumPolicyYAML {
    public static func render(_ suggestion: PolicySuggestion) -> String {
        let quoted = NetworkPolicyYAML.quoted
        var out = NetworkPolicyYAML.header(suggestion, kind: "CiliumNetworkPolic\(suggestion.policies.count == 1 ? "y" : "ies")")
        for policy in suggestion.policies {
            out += "---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n"
            out += "  name: \(policy.name)\n  namespace: \(policy.target.namespace)\n"
            out += "spec:\n  endpointSelector:\n    matchLabels:\n"
            for (key, value) in policy.selector.sorted(by: { $0.key < $1.key }) { out += "      \(quoted(key)): \(quoted(value))\n" }
            out += "  \(policy.direction.rawValue):\n"
            let peers = policy.direction == .ingress ? "from" : "to"
            let usesNames = policy.rules.contains { if case .fqdn = $0.counterpart { true } else { false } }
            for rule in policy.rules {
                for (key, stats) in rule.origins {
                    out += "  # \(NetworkPolicyYAML.edge(key)): \(stats.count(.forwarded)) flows forwarded\n"
                }
                switch rule.counterpart {
                case .pods(let namespace, let labels):
                    out += "  - \(peers)Endpoints:\n    - matchLabels:\n"
                    out += "        \(quoted("k8s:io.kubernetes.pod.namespace")): \(quoted(namespace))\n"
                    for (key, value) in labels.sorted(by: { $0.key < $1.key }) { out += "        \(quoted(key)): \(quoted(value))\n" }
                case .entity(let name):
                    out += "  - \(peers)Entities:\n    - \(name)\n"
                case .address(let address):
                    out += "  - \(peers)CIDR:\n    - \(address)/\(address.contains(":") ? 128 : 32)\n"
                case .fqdn(let name):
                    out += "  - toFQDNs:\n    - matchName: \(quoted(name))\n"
                }
                out += toPorts(rule, l7: suggestion.options.l7, dnsRule: usesNames && policy.direction == .egress)
            }
        }
        return out
    }

    /// The rule's ports: those with HTTP requests seen (with `l7`) each with its HTTP rules, port 53
    /// with a DNS rule when the policy names hosts, and the rest together.
    static func toPorts(_ rule: PolicySuggestion.Rule, l7: Bool, dnsRule: Bool) -> String {
        var plain: [PolicySuggestion.Port] = []
        var entries: [String] = []
        for port in rule.ports.sorted() {
            let origins = rule.origins.filter { $0.key.port == port.number && $0.key.proto == port.proto }
            if dnsRule && port.number == 53 {
                entries.append(ports([port]) + "      rules:\n        dns:\n        - matchPattern: \"*\"\n")
                continue
            }
            // The requests seen allowed: a request the proxy refused stays refused.
            let http = origins.flatMap { origin in
                origin.stats.requests.keys.filter { !$0.hasPrefix("DNS ") && !$0.hasPrefix("Kafka ") && !origin.stats.refusedRequests.contains($0) }
            }
            let complete = origins.allSatisfy { $0.stats.otherRequests == 0 }
            guard l7, port.proto == "TCP", !http.isEmpty, complete else {
                plain.append(port)
                continue
            }
            var text = ports([port]) + "      rules:\n        http:\n"
            for request in Set(http).sorted() {
                let parts = request.split(separator: " ", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                text += "        - method: \(NetworkPolicyYAML.quoted(regexEscaped(parts[0])))\n"
                text += "          path: \(NetworkPolicyYAML.quoted(regexEscaped(parts[1]) + "(\\?.*)?"))\n"
            }
            entries.append(text)
        }
        if !plain.isEmpty { entries.insert(ports(plain), at: 0) }
        return entries.isEmpty ? "" : "    toPorts:\n" + entries.joined()
    }

    static func ports(_ ports: [PolicySuggestion.Port]) -> String {
        "    - ports:\n" + ports.map { "      - port: \"\($0.number)\"\n        protocol: \($0.proto)\n" }.joined()
    }

    /// `text` matched literally by a regular expression (RE2 syntax).
    static func regexEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\.+*?()|[]{}^$".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
