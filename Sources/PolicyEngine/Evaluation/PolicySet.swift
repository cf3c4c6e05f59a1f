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
