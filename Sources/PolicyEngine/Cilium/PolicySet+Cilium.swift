import FlowModel

/// Decisions, as Cilium makes them with NetworkPolicies and its own policies in the set: deny rules first (they win), then isolation (a rule
/// with rules for the direction turns default deny on, as does any NetworkPolicy selecting the pod),
/// then the union of what NetworkPolicies and Cilium's allow rules allow, and what the proxy then
/// permits (pkg/policy's repository and L4 filters; docs.cilium.io "Policy Enforcement Modes",
/// "Deny Policies", "Layer 7 Examples").
extension PolicySet {
    struct DirectionOutcome {
        var decision: PolicyVerdict.Decision
        var rules: [RuleReference] = []
        var proxy: ProxyPolicy? = nil
        var match: PolicyMatchType? = nil
    }

    /// The labels of an endpoint as its Cilium identity carries them.
    public func ciliumLabels(_ endpoint: PolicyEndpoint) -> CiliumLabels {
        switch endpoint {
        case .pod(let pod):
            .pod(
                labels: pod.labels, namespace: pod.namespace, namespaceLabels: labels(ofNamespace: pod.namespace),
                serviceAccount: pod.serviceAccount, cluster: cluster)
        // A single-stack cluster gives the world one identity, `world` (pkg/labels/cidr.go).
        case .external: .reserved("world")
        // The kube-apiserver identity also carries remote-node (pkg/identity numericidentity.go).
        case .reserved(.kubeAPIServer, _): .reserved("kube-apiserver", "remote-node")
        case .reserved(let entity, _): .reserved(entity.rawValue)
        }
    }

    func decide(_ direction: NetworkPolicy.Direction, _ connection: PolicyConnection) -> DirectionOutcome {
        let (subject, peer) = direction == .ingress ? (connection.destination, connection.source) : (connection.source, connection.destination)
        guard subject.pod != nil else { return DirectionOutcome(decision: .notApplicable) }
        // Cilium in Kubernetes allows the node's own host to reach its pods whatever the policies
        // say (`allow-localhost: auto`, which is `always` there), for the kubelet's probes.
        if direction == .ingress, case .reserved(.host, _) = peer {
            return DirectionOutcome(decision: .allowed(by: []), rules: [RuleReference(policy: "allow-localhost", kind: "Cilium setting", path: "allow-localhost")])
        }
        let subjectLabels = ciliumLabels(subject)
        let peerLabels = ciliumLabels(peer)
        let selecting = ciliumPolicies.flatMap { policy in
            policy.rules.filter { $0.endpointSelector.matches(subjectLabels) }.map { (policy, $0) }
        }
        let section = direction == .ingress ? "ingress" : "egress"

        var denying: [RuleReference] = []
        for (policy, rule) in selecting {
            for (index, entry) in rule.denies(direction).enumerated() {
                let path = "\(rule.path).\(section)Deny[\(index)]"
                guard selectsPeer(entry, peer, peerLabels, connection, direction) else { continue }
                if !entry.namesPorts {
                    denying.append(reference(policy, path))
                } else if let port = matchingPorts(entry, connection, path: path).first {
                    denying.append(reference(policy, port.path))
                }
            }
        }
        if !denying.isEmpty {
            return DirectionOutcome(decision: .deniedByRule(by: unique(denying.map(\.policy))), rules: denying)
        }

        let kubernetes = isolating(subject, direction)
        let isolatingRules = selecting.filter { $0.1.defaultDeny(direction) }
        var allowing: [RuleReference] = []
        var proxy = ProxyPolicy()
        var kinds: Set<PolicyMatchType> = []
        func note(peers: Bool, ports: Bool) {
            switch (peers, ports) {
            case (true, true): kinds.insert(.l3L4)
            case (false, true): kinds.insert(.l4Only)
            case (true, false): kinds.insert(.l3Only)
            case (false, false): kinds.insert(.all)
            }
        }
        for policy in kubernetes {
            let rules = direction == .ingress ? policy.ingress : policy.egress
            for (index, rule) in rules.enumerated()
            where (rule.peers.isEmpty || rule.peers.contains { matches($0, peer, policy: policy) })
                && (rule.ports.isEmpty || rule.ports.contains { matches($0, connection) })
            {
                let found = RuleReference(policy: "\(policy.namespace)/\(policy.name)", kind: "NetworkPolicy",
                    path: (policy.origin.isEmpty ? "" : "\(policy.origin).") + "spec.\(section)[\(index)]")
                allowing.append(found)
                proxy.wildcards.append(found)
                note(peers: !rule.peers.isEmpty, ports: !rule.ports.isEmpty)
            }
        }
        for (policy, rule) in selecting {
            for (index, entry) in rule.allows(direction).enumerated() {
                let path = "\(rule.path).\(section)[\(index)]"
                guard selectsPeer(entry, peer, peerLabels, connection, direction), !entry.authenticationFails else { continue }
                if !entry.namesPorts {
                    let found = reference(policy, path)
                    allowing.append(found)
                    proxy.wildcards.append(found)
                    note(peers: true, ports: false)
                    continue
                }
                // Every `toPorts` item admitting the connection counts: their L7 rules add up, and
                // one without L7 rules lets every request through.
                for port in matchingPorts(entry, connection, path: path) {
                    let found = reference(policy, port.path)
                    allowing.append(found)
                    // A port rule naming no port (or port 0) allows a protocol, not a port.
                    note(peers: entry.namesPeers, ports: port.rule.map { !$0.ports.isEmpty && !$0.ports.allSatisfy { $0.port == .any } } ?? true)
                    guard let rule = port.rule, rule.hasL7 || !rule.serverNames.isEmpty else {
                        proxy.wildcards.append(found)
                        continue
                    }
                    for (k, http) in (rule.http ?? []).enumerated() {
                        proxy.http.append(.init(rule: http, reference: reference(policy, "\(port.path).rules.http[\(k)]")))
                    }
                    for (k, dns) in (rule.dns ?? []).enumerated() {
                        proxy.dns.append(.init(rule: dns, reference: reference(policy, "\(port.path).rules.dns[\(k)]")))
                    }
                    for (k, name) in rule.serverNames.enumerated() {
                        proxy.serverNames.append(.init(rule: DNSNamePattern(.matchPattern, name), reference: reference(policy, "\(port.path).serverNames[\(k)]")))
                    }
                }
            }
        }
        let proxied = proxy.parsesHTTP || proxy.parsesDNS || proxy.checksServerNames ? proxy : nil
        // Cilium looks up L3/L4 entries first, then L4-only, L3-only, allow-all.
        let match = [PolicyMatchType.l3L4, .l4Only, .l3Only, .all].first { kinds.contains($0) }
        if kubernetes.isEmpty && isolatingRules.isEmpty {
            return DirectionOutcome(decision: .notIsolated, rules: allowing, proxy: proxied, match: match)
        }
        let isolatedBy = unique(kubernetes.map { "\($0.namespace)/\($0.name)" } + isolatingRules.map { $0.0.qualifiedName })
        guard !allowing.isEmpty else { return DirectionOutcome(decision: .denied(isolatedBy: isolatedBy)) }
        return DirectionOutcome(decision: .allowed(by: unique(allowing.map(\.policy))), rules: allowing, proxy: proxied, match: match)
    }

    private func reference(_ policy: CiliumPolicy, _ path: String) -> RuleReference {
        RuleReference(policy: policy.qualifiedName, kind: policy.kind.rawValue, path: policy.origin.isEmpty ? path : "\(policy.origin).\(path)")
    }

    private func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    /// Whether an entry's L3 part selects the peer. An entry without peers selects every peer when
    /// it names ports, and none when it is empty (`- {}` only turns default deny on).
    func selectsPeer(
        _ entry: CiliumPeerRule, _ peer: PolicyEndpoint, _ labels: CiliumLabels, _ connection: PolicyConnection,
        _ direction: NetworkPolicy.Direction
    ) -> Bool {
        guard entry.namesPeers else { return entry.namesPorts }
        if let selectors = entry.endpoints, selectors.contains(where: { $0.matches(labels) }) { return true }
        if entry.entities.contains(where: { $0.selects(labels, cluster: cluster) }) { return true }
        // CIDR rules select addresses outside the cluster's endpoints only (Cilium's default
        // `policy-cidr-match-mode`): a pod's or a node's address is never selected by CIDR.
        if case .external(let address) = peer {
            if entry.cidrs.contains(where: { $0.contains(address, groups: cidrGroups) }) { return true }
            if direction == .egress, entry.fqdns.contains(where: { pattern in connection.destinationNames.contains(where: pattern.matches) }) {
                return true
            }
        }
        if direction == .egress, case .pod(let pod) = peer {
            // Since Cilium 1.17 a service with a selector stands for the pods it selects, in its
            // namespace (docs "Services based"); a reference without a namespace names any.
            for service in entry.services where service.namespace == nil || service.namespace == pod.namespace {
                let key = CiliumPeerRule.ServiceReference(name: service.name, namespace: pod.namespace)
                if let selector = services[key], !selector.isEmpty, selector.allSatisfy({ pod.labels[$0.key] == $0.value }) { return true }
            }
        }
        return false
    }

    /// The `toPorts` (or `icmps`) items admitting the connection, with their paths. TLS server names
    /// are the proxy's to check, not the port's.
    func matchingPorts(_ entry: CiliumPeerRule, _ connection: PolicyConnection, path: String) -> [(rule: CiliumPortRule?, path: String)] {
        if connection.protocol == .icmp {
            let ipv6 = connection.destination.address.map { !$0.isIPv4 } ?? false
            guard let index = entry.icmps.firstIndex(where: { $0.type == connection.port && $0.ipv6 == ipv6 }) else { return [] }
            return [(nil, "\(path).icmps[\(index)]")]
        }
        return entry.ports.enumerated().compactMap { index, rule in
            guard rule.ports.isEmpty || rule.ports.contains(where: { matches($0, connection) }) else { return nil }
            return (rule, "\(path).toPorts[\(index)]")
        }
    }

    func matches(_ port: CiliumPortRule.PortProtocol, _ connection: PolicyConnection) -> Bool {
        guard connection.protocol.hasPorts, port.otherProtocol == nil else { return false }
        if let transport = port.protocol, transport != connection.protocol { return false }
        switch port.port {
        case .any:
            return true
        case .number(let number):
            if let end = port.endPort { return (number...max(number, end)).contains(connection.port) }
            return number == connection.port
        case .named(let name):
            guard let named = connection.destination.pod?.namedPorts[name] else { return false }
            return named.port == connection.port && named.protocol == connection.protocol
        }
    }
}
