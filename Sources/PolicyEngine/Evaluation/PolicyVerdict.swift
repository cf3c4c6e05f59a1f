/// What the policies decide for a connection, direction by direction: egress is checked at the
/// source, ingress at the destination, and both must allow.
public struct PolicyVerdict: Sendable, Hashable {
    public var egress: Decision
    public var ingress: Decision

    public var allowed: Bool { egress.allows && ingress.allows }

    /// One direction's outcome. Policies are named `namespace/name`.
    public enum Decision: Sendable, Hashable {
        /// The endpoint is not a pod: no policy applies on this side.
        case notApplicable
        /// No policy selects the pod for this direction: everything is allowed.
        case notIsolated
        /// Policies select the pod, and these allow the traffic.
        case allowed(by: [String])
        /// Policies select the pod (these), and none allows the traffic.
        case denied(isolatedBy: [String])

        public var allows: Bool {
            if case .denied = self { return false }
            return true
        }
    }
}
