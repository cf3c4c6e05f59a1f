/// Cilium's reserved security identities, which hubble prints by name instead of by number.
public enum ReservedIdentity {
    /// The name of a reserved identity (0 `unknown` … 10 `world-ipv6`), `nil` for any other number.
    public static func name(_ identity: UInt32) -> String? {
        identity < 11 ? names[Int(identity)] : nil
    }

    static let names = [
        "unknown", "host", "world", "unmanaged", "health", "init", "remote-node", "kube-apiserver", "ingress",
        "world-ipv4", "world-ipv6",
    ]
}
