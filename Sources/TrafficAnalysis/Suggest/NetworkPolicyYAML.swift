import FlowModel
import HubbleAPI

/// A suggestion as `networking.k8s.io/v1` NetworkPolicy manifests, one document a policy, each rule
/// commented with the conversations it allows; what was denied today and what was left out come
/// first, as comments. The same map gives the same text.
public enum NetworkPolicyYAML {
    public static func render(_ suggestion: PolicySuggestion) -> String {
        var out = header(suggestion, kind: "NetworkPolic\(suggestion.policies.count == 1 ? "y" : "ies")")
        for policy in suggestion.policies {
            out += "---\n"
            out += "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n"
            out += "  name: \(policy.name)\n  namespace: \(policy.target.namespace)\n"
            out += "spec:\n  podSelector:\n    matchLabels:\n"
            for (key, value) in policy.selector.sorted(by: { $0.key < $1.key }) { out += "      \(key): \(quoted(value))\n" }
            let direction = policy.direction == .ingress ? "Ingress" : "Egress"
            out += "  policyTypes:\n  - \(direction)\n  \(policy.direction.rawValue):\n"
            for rule in policy.rules {
                for (key, stats) in rule.origins {
                    out += "  # \(edge(key)): \(stats.count(.forwarded)) flows forwarded\n"
                }
                let peerKey = policy.direction == .ingress ? "from" : "to"
                out += "  - \(peerKey):\n"
                switch rule.counterpart {
                case .pods(let namespace, let labels):
                    var indent = "    - "
                    if namespace != policy.target.namespace {
                        out += "    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: \(quoted(namespace))\n"
                        indent = "      "
                    }
                    out += "\(indent)podSelector:\n        matchLabels:\n"
                    for (key, value) in labels.sorted(by: { $0.key < $1.key }) { out += "          \(key): \(quoted(value))\n" }
                case .address(let address):
                    let bits = address.contains(":") ? 128 : 32
                    out += "    - ipBlock:\n        cidr: \(address)/\(bits)\n"
                case .entity, .fqdn:
                    break  // a NetworkPolicy suggestion leaves these out
                }
                if !rule.ports.isEmpty {
                    out += "    ports:\n"
                    for port in rule.ports.sorted() { out += "    - protocol: \(port.proto)\n      port: \(port.number)\n" }
                }
            }
        }
        return out
    }

    /// What comes before the policies: where they come from, what was denied, not isolated, left out.
    static func header(_ suggestion: PolicySuggestion, kind: String) -> String {
        var out = "# Suggested by loupe policy suggest from \(suggestion.flows) flows: \(suggestion.policies.count) "
            + "\(kind) that allow what was seen forwarded, and nothing else.\n"
        if !suggestion.deniedToday.isEmpty {
            out += "#\n# Denied today, and not allowed here (--include-dropped allows them):\n"
            for (key, stats) in suggestion.deniedToday {
                out += "#   \(edge(key)): \(stats.count(.dropped)) flows dropped\n"
            }
        }
        if !suggestion.notIsolated.isEmpty {
            out += "#\n# Not isolated, because a policy would drop traffic it cannot allow:\n"
            for (target, direction, reason) in suggestion.notIsolated {
                out += "#   \(target.label) for \(direction.rawValue): \(reason)\n"
            }
        }
        if !suggestion.leftOut.isEmpty {
            out += "#\n# Left out:\n"
            for (key, reason) in suggestion.leftOut {
                out += "#   \(edge(key)): \(reason)\n"
            }
        }
        return out
    }

    static func edge(_ key: EdgeKey) -> String {
        "\(key.source.label) → \(key.destination.label) \(key.portLabel)"
    }

    /// A YAML double-quoted string.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += "\\x" + String(scalar.value, radix: 16).leftPadded(2)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
