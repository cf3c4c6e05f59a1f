/// How a policy verdict allowed a connection, as Cilium reports it in `policy_match_type`.
public enum PolicyMatchType: UInt32, Sendable {
    /// The rule names the peer and no ports.
    case l3Only = 1
    /// The rule names the peer and the port.
    case l3L4 = 2
    /// The rule names the port for any peer.
    case l4Only = 3
    /// The rule allows everything.
    case all = 4
}

extension PolicySet {
    /// Which kind of rule allows `connection` in `direction`, the most specific first (Cilium looks
    /// up L3/L4 entries, then L4-only, then L3-only, then allow-all); `nil` when nothing allows it
    /// or no policy isolates that side.
    public func matchType(_ direction: NetworkPolicy.Direction, _ connection: PolicyConnection) -> PolicyMatchType? {
        let endpoint = direction == .ingress ? connection.destination : connection.source
        let peer = direction == .ingress ? connection.source : connection.destination
        var kinds: Set<PolicyMatchType> = []
        for policy in isolating(endpoint, direction) {
            for rule in direction == .ingress ? policy.ingress : policy.egress {
                let peerMatches = rule.peers.isEmpty || rule.peers.contains { matches($0, peer, policy: policy) }
                let portMatches = rule.ports.isEmpty || rule.ports.contains { matches($0, connection) }
                guard peerMatches && portMatches else { continue }
                switch (rule.peers.isEmpty, rule.ports.isEmpty) {
                case (false, false): kinds.insert(.l3L4)
                case (true, false): kinds.insert(.l4Only)
                case (false, true): kinds.insert(.l3Only)
                case (true, true): kinds.insert(.all)
                }
            }
        }
        return [.l3L4, .l4Only, .l3Only, .all].first { kinds.contains($0) }
    }
}
