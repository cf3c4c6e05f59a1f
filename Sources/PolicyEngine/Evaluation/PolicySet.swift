import FlowModel
import HubbleAPI

/// All the policies of a cluster (NetworkPolicies and Cilium's), with its namespaces' labels:
/// decides whether a connection is allowed, and by which policies. The union of the policies
/// applies, as Cilium enforces it: a pod selected by any policy for a direction is isolated in that
/// direction, traffic any of them allows passes, and a deny rule wins over every allow.
public struct PolicySet: Sendable {
    public var policies: [NetworkPolicy]
    public var ciliumPolicies: [CiliumPolicy]
    /// Namespace labels by namespace name; every namespace also carries
    /// `kubernetes.io/metadata.name: <name>`, as Kubernetes sets it.
    public var namespaceLabels: [String: [String: String]]
    /// The cluster's name, as Cilium labels its pods (`io.cilium.k8s.policy.cluster`).
    public var cluster: String
    /// Services by namespace and name, with the labels their selector requires, for `toServices`.
    public var services: [CiliumPeerRule.ServiceReference: [String: String]]
    /// Whether a NetworkPolicy's `ipBlock` selects pods by their address, as upstream Kubernetes
    /// says; Cilium never applies CIDR rules to its endpoints (false, the default).
    public var ipBlocksSelectPods = false
    /// The CiliumCIDRGroups policies refer to.
    public var cidrGroups: [CIDRGroup] = []

    public init(
        policies: [NetworkPolicy], ciliumPolicies: [CiliumPolicy] = [], namespaceLabels: [String: [String: String]] = [:],
        cluster: String = "default", services: [CiliumPeerRule.ServiceReference: [String: String]] = [:]
    ) {
        self.policies = policies
        self.ciliumPolicies = ciliumPolicies
        self.namespaceLabels = namespaceLabels
        self.cluster = cluster
        self.services = services
    }

    public func labels(ofNamespace name: String) -> [String: String] {
        var labels = namespaceLabels[name] ?? [:]
        labels["kubernetes.io/metadata.name"] = name
        return labels
    }

    public func evaluate(_ connection: PolicyConnection) -> PolicyVerdict {
        let egress = decide(.egress, connection)
        let ingress = decide(.ingress, connection)
        var verdict = PolicyVerdict(egress: egress.decision, ingress: ingress.decision)
        verdict.egressRules = egress.rules
        verdict.ingressRules = ingress.rules
        verdict.egressProxy = egress.proxy
        verdict.ingressProxy = ingress.proxy
        verdict.egressMatch = egress.match
        verdict.ingressMatch = ingress.match
        return verdict
    }

    /// The policies that select `endpoint` for `direction`.
    public func isolating(_ endpoint: PolicyEndpoint, _ direction: NetworkPolicy.Direction) -> [NetworkPolicy] {
        guard let pod = endpoint.pod else { return [] }
        return policies.filter {
            $0.namespace == pod.namespace && $0.policyTypes.contains(direction) && $0.podSelector.matches(pod.labels)
        }
    }

    /// A peer entry against the other end. Selectors pick pods; an IP block picks addresses outside
    /// the cluster's pods (as Cilium applies CIDR rules), minus its exceptions.
    func matches(_ peer: NetworkPolicy.Peer, _ endpoint: PolicyEndpoint, policy: NetworkPolicy) -> Bool {
        if let block = peer.ipBlock {
            if ipBlocksSelectPods, case .pod(let pod) = endpoint, let address = pod.ip { return block.contains(address) }
            guard case .external(let address) = endpoint else { return false }
            return block.contains(address)
        }
        guard let pod = endpoint.pod else { return false }
        let namespaceMatches = peer.namespaceSelector.map { $0.matches(labels(ofNamespace: pod.namespace)) }
            ?? (pod.namespace == policy.namespace)
        let podMatches = peer.podSelector.map { $0.matches(pod.labels) } ?? true
        return namespaceMatches && podMatches
    }

    /// Where an `ipBlock` of a policy isolating the pod for `direction` holds the peer pod's address
    /// and Cilium ignores it (it applies CIDR rules to no endpoint): for `policy explain` to say so.
    public func ipBlocksIgnored(_ direction: NetworkPolicy.Direction, _ connection: PolicyConnection) -> [String] {
        guard !ipBlocksSelectPods else { return [] }
        let (subject, peer) = direction == .ingress ? (connection.destination, connection.source) : (connection.source, connection.destination)
        guard case .pod(let peerPod) = peer, let address = peerPod.ip else { return [] }
        var notes: [String] = []
        for policy in isolating(subject, direction) {
            let rules = direction == .ingress ? policy.ingress : policy.egress
            let key = direction == .ingress ? "from" : "to"
            for (r, rule) in rules.enumerated() {
                for (p, entry) in rule.peers.enumerated() {
                    guard let block = entry.ipBlock, block.contains(address) else { continue }
                    let path = (policy.origin.isEmpty ? "" : "\(policy.origin).") + "spec.\(direction.rawValue.lowercased())[\(r)].\(key)[\(p)].ipBlock"
                    notes.append(
                        "\(path) \(block.cidr) holds \(peerPod.namespace)/\(peerPod.name)'s address, but Cilium does not apply CIDR rules to pods"
                            + " (a scenario with enforcement: kubernetes applies them, as upstream Kubernetes does)")
                }
            }
        }
        return notes
    }

    /// A port entry against the connection; named ports are the destination pod's container ports.
    func matches(_ port: NetworkPolicy.Port, _ connection: PolicyConnection) -> Bool {
        guard port.protocol == connection.protocol else { return false }
        switch port.port {
        case nil:
            return true
        case .number(let number)?:
            if let end = port.endPort { return (number...max(number, end)).contains(connection.port) }
            return number == connection.port
        case .named(let name)?:
            guard let named = connection.destination.pod?.namedPorts[name] else { return false }
            return named.port == connection.port && named.protocol == connection.protocol
        }
    }
}
