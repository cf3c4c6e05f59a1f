/// A `cilium.io/v2` CiliumNetworkPolicy (namespaced) or CiliumClusterwideNetworkPolicy: rules, each
/// selecting endpoints and saying what they may receive and send, and what they may not.
public struct CiliumPolicy: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case namespaced = "CiliumNetworkPolicy"
        case clusterwide = "CiliumClusterwideNetworkPolicy"
    }

    public var kind: Kind
    public var name: String
    /// `nil` for a clusterwide policy.
    public var namespace: String?
    /// `spec` and then `specs`, with their paths in the manifest (`spec`, `specs[1]`).
    public var rules: [CiliumRule]
    /// Where the manifest is, for rule paths: `policies[2]` in a scenario, `FILE` or `FILE: items[3]`.
    public var origin: String = ""

    public init(kind: Kind, name: String, namespace: String?, rules: [CiliumRule]) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.rules = rules
    }

    /// `namespace/name`, or the name of a clusterwide policy.
    public var qualifiedName: String { namespace.map { "\($0)/\(name)" } ?? name }
}

/// One rule of a Cilium policy (`spec` or an entry of `specs`).
public struct CiliumRule: Sendable, Hashable {
    /// Where the rule is in its manifest: `spec` or `specs[N]`.
    public var path: String
    /// The endpoints the rule applies to, the policy's namespace added for a namespaced policy.
    public var endpointSelector: EndpointSelector
    public var ingress: [CiliumPeerRule]
    public var ingressDeny: [CiliumPeerRule]
    public var egress: [CiliumPeerRule]
    public var egressDeny: [CiliumPeerRule]
    /// `enableDefaultDeny`: `nil` where unset, which means on when the direction has rules.
    public var defaultDenyIngress: Bool?
    public var defaultDenyEgress: Bool?

    public init(
        path: String = "spec", endpointSelector: EndpointSelector, ingress: [CiliumPeerRule] = [], ingressDeny: [CiliumPeerRule] = [],
        egress: [CiliumPeerRule] = [], egressDeny: [CiliumPeerRule] = [], defaultDenyIngress: Bool? = nil, defaultDenyEgress: Bool? = nil
    ) {
        self.path = path
        self.endpointSelector = endpointSelector
        self.ingress = ingress
        self.ingressDeny = ingressDeny
        self.egress = egress
        self.egressDeny = egressDeny
        self.defaultDenyIngress = defaultDenyIngress
        self.defaultDenyEgress = defaultDenyEgress
    }

    /// Whether the rule puts the endpoints it selects in default deny for `direction`: when it has
    /// allow or deny rules for it, unless `enableDefaultDeny` says otherwise.
    public func defaultDeny(_ direction: NetworkPolicy.Direction) -> Bool {
        switch direction {
        case .ingress: defaultDenyIngress ?? (!ingress.isEmpty || !ingressDeny.isEmpty)
        case .egress: defaultDenyEgress ?? (!egress.isEmpty || !egressDeny.isEmpty)
        }
    }

    public func allows(_ direction: NetworkPolicy.Direction) -> [CiliumPeerRule] { direction == .ingress ? ingress : egress }
    public func denies(_ direction: NetworkPolicy.Direction) -> [CiliumPeerRule] { direction == .ingress ? ingressDeny : egressDeny }
}
