import FlowModel
import PolicyEngine

/// `policy explain`'s words: the verdict, each direction with the rules that decide it, and the
/// proxy's answer.
extension Scenario {
    static func render(
        _ connection: PolicyConnection, _ verdict: PolicyVerdict, proxy: ProxyAnswer?, destinationLabel: String? = nil, notes: [String] = []
    ) -> String {
        let target = "\(connection.port)/\(connection.protocol.rawValue)"
        let destination = connection.destination.displayName + ":" + target + (destinationLabel.map { " (\($0))" } ?? "")
        var outcome = verdict.allowed ? "ALLOWED" : "DENIED"
        if verdict.allowed, let proxy, proxy.permittedBy == nil {
            outcome = "DENIED (the proxy \(Self.refusal(proxy.kind)))"
        }
        var lines = ["\(connection.source.displayName) -> \(destination): \(outcome)"]
        func describe(_ direction: NetworkPolicy.Direction, at endpoint: PolicyEndpoint, peer: PolicyEndpoint) {
            let name = direction.rawValue.lowercased()
            let head = "  \(name) at \(endpoint.displayName): "
            switch verdict.decision(direction) {
            case .notApplicable: lines.append(head + "not a pod; no policy applies")
            case .notIsolated: lines.append(head + "allowed: no policy selects the pod for \(name)")
            case .allowed(let names) where names.isEmpty:
                lines.append(head + "allowed: Cilium lets a node's own host reach its pods whatever the policies (allow-localhost)")
                return
            case .allowed(let names): lines.append(head + "allowed by " + names.joined(separator: ", "))
            case .denied(let names):
                lines.append(
                    head + "denied: " + names.joined(separator: ", ") + (names.count == 1 ? " selects" : " select")
                        + " the pod for \(name), and no rule allows \(peer.displayName) on \(target)")
            case .deniedByRule(let names): lines.append(head + "denied by a deny rule of " + names.joined(separator: ", "))
            }
            for rule in verdict.rules(direction) { lines.append("    \(rule.path) (\(rule.kind) \(rule.policy))") }
        }
        describe(.egress, at: connection.source, peer: connection.destination)
        describe(.ingress, at: connection.destination, peer: connection.source)
        if let destinationLabel, connection.destinationNames.isEmpty, case .external = connection.destination, !verdict.egress.allows {
            lines.append(
                "  note: Cilium has not learned \(destinationLabel)'s address: no rules.dns of the DNS proxy allows the source's lookup,"
                    + " so no toFQDNs rule can select it")
        }
        for note in notes { lines.append("  note: \(note)") }
        if let proxy {
            if let rule = proxy.permittedBy {
                lines.append("  proxy: \(proxy.kind.rawValue) \(proxy.request): allowed by \(rule.path)")
            } else {
                lines.append("  proxy: \(proxy.kind.rawValue) \(proxy.request): \(Self.refusal(proxy.kind)): no rule allows it; checked:")
                for rule in proxy.rules { lines.append("    \(rule.path) (\(rule.kind) \(rule.policy))") }
            }
        } else if verdict.allowed {
            for rules in [verdict.egressProxy, verdict.ingressProxy].compactMap({ $0 }) where rules.parsesHTTP || rules.parsesDNS {
                let (kind, flag) = rules.parsesHTTP ? ("HTTP requests", "--http 'METHOD /path'") : ("DNS lookups", "--dns NAME")
                let paths = (rules.parsesHTTP ? rules.http.map(\.reference) : rules.dns.map(\.reference)) + rules.wildcards
                lines.append("  proxy: \(kind) are checked against \(paths.map(\.path).joined(separator: ", ")); ask with \(flag)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func refusal(_ kind: ProxyAnswer.Kind) -> String {
        switch kind {
        case .http: "answers 403 Access denied"
        case .dns: "answers REFUSED"
        case .tls: "resets the connection"
        }
    }
}
