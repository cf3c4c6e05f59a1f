/// What the policies decide for a connection, direction by direction: egress is checked at the
/// source, ingress at the destination, and both must allow.
public struct PolicyVerdict: Sendable, Hashable {
    public var egress: Decision
    public var ingress: Decision
    /// The rules that decided each direction, with their paths (`policies[2].spec.egress[0]`).
    public var egressRules: [RuleReference] = []
    public var ingressRules: [RuleReference] = []
    /// What Cilium's proxy then permits, where an allowing rule has L7 rules; `nil`: not proxied.
    public var egressProxy: ProxyPolicy? = nil
    public var ingressProxy: ProxyPolicy? = nil
    /// How the allowing rules matched (`policy_match_type`), where a rule allowed the connection.
    public var egressMatch: PolicyMatchType? = nil
    public var ingressMatch: PolicyMatchType? = nil

    public init(egress: Decision, ingress: Decision) {
        self.egress = egress
        self.ingress = ingress
    }

    public var allowed: Bool { egress.allows && ingress.allows }

    /// One direction's outcome. Policies are named `namespace/name` (a clusterwide policy by its name).
    public enum Decision: Sendable, Hashable {
        /// The endpoint is not a pod: no policy applies on this side.
        case notApplicable
        /// No policy selects the pod for this direction: everything is allowed.
        case notIsolated
        /// Policies select the pod, and these allow the traffic.
        case allowed(by: [String])
        /// Policies select the pod (these), and none allows the traffic: Cilium's drop reason 133,
        /// "Policy denied".
        case denied(isolatedBy: [String])
        /// A deny rule of these policies matches: denied whatever allows it, Cilium's drop reason 181,
        /// "Policy denied by denylist".
        case deniedByRule(by: [String])

        public var allows: Bool {
            switch self {
            case .denied, .deniedByRule: false
            default: true
            }
        }
    }

    public func decision(_ direction: NetworkPolicy.Direction) -> Decision { direction == .ingress ? ingress : egress }
    public func rules(_ direction: NetworkPolicy.Direction) -> [RuleReference] { direction == .ingress ? ingressRules : egressRules }
    public func match(_ direction: NetworkPolicy.Direction) -> PolicyMatchType? { direction == .ingress ? ingressMatch : egressMatch }
    public func proxy(_ direction: NetworkPolicy.Direction) -> ProxyPolicy? { direction == .ingress ? ingressProxy : egressProxy }
}

/// A rule in a policy: the policy's name and kind, and the rule's path in its manifest.
public struct RuleReference: Sendable, Hashable, CustomStringConvertible {
    public var policy: String
    public var kind: String
    public var path: String

    public init(policy: String, kind: String, path: String) {
        self.policy = policy
        self.kind = kind
        self.path = path
    }

    public var description: String { "\(path) (\(kind) \(policy))" }
}
