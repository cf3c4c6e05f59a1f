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
        guard !ciliumPolicies.isEmpty else {
            return PolicyVerdict(
                egress: decide(.egress, for: connection.source, peer: connection.destination, connection),
                ingress: decide(.ingress, for: connection.destination, peer: connection.source, connection))
        }
        let egress = decideWithCilium(.egress, connection)
        let ingress = decideWithCilium(.ingress, connection)
        var verdict = PolicyVerdict(egress: egress.decision, ingress: ingress.decision)
        verdict.egressRules = egress.rules
        verdict.ingressRules = ingress.rules
        verdict.egressProxy = egress.proxy
        verdict.ingressProxy = ingress.proxy
        return verdict
    }

    /// The policies that select `endpoint` for `direction`.
    public func isolating(_ endpoint: PolicyEndpoint, _ direction: NetworkPolicy.Direction) -> [NetworkPolicy] {
        guard let pod = endpoint.pod else { return [] }
        return policies.filter {
            $0.namespace == pod.namespace && $0.policyTypes.contains(direction) && $0.podSelector.matches(pod.labels)
        }
    }

    func decide(
        _ direction: NetworkPolicy.Direction, for endpoint: PolicyEndpoint, peer: PolicyEndpoint, _ connection: PolicyConnection
    ) -> PolicyVerdict.Decision {
        guard endpoint.pod != nil else { return .notApplicable }
        let selecting = isolating(endpoint, direction)
        guard !selecting.isEmpty else { return .notIsolated }
        let allowing = selecting.filter { policy in
            let rules = direction == .ingress ? policy.ingress : policy.egress
            return rules.contains { rule in
                (rule.peers.isEmpty || rule.peers.contains { matches($0, peer, policy: policy) })
                    && (rule.ports.isEmpty || rule.ports.contains { matches($0, connection) })
            }
        }
        let names = { (list: [NetworkPolicy]) in list.map { "\($0.namespace)/\($0.name)" } }
        return allowing.isEmpty ? .denied(isolatedBy: names(selecting)) : .allowed(by: names(allowing))
    }

    /// A peer entry against the other end. Selectors pick pods; an IP block picks addresses outside
    /// the cluster's pods (as Cilium applies CIDR rules), minus its exceptions.
    func matches(_ peer: NetworkPolicy.Peer, _ endpoint: PolicyEndpoint, policy: NetworkPolicy) -> Bool {
        if let block = peer.ipBlock {
            guard case .external(let address) = endpoint else { return false }
            return block.contains(address)
        }
        guard let pod = endpoint.pod else { return false }
        let namespaceMatches = peer.namespaceSelector.map { $0.matches(labels(ofNamespace: pod.namespace)) }
            ?? (pod.namespace == policy.namespace)
        let podMatches = peer.podSelector.map { $0.matches(pod.labels) } ?? true
        return namespaceMatches && podMatches
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
