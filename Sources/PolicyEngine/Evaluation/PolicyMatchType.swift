/// How a policy verdict allowed a connection, as Cilium reports it in `policy_match_type`.
public enum PolicyMatchType: UInt32, Sendable, Hashable {
    /// The rule names the peer and no ports.
    case l3Only = 1
    /// The rule names the peer and the port.
    case l3L4 = 2
    /// The rule names the port for any peer.
    case l4Only = 3
    /// The rule allows everything.
    case all = 4
}
