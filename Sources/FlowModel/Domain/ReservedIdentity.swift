import HubbleAPI
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

extension ReservedIdentity {
    /// The number of a reserved identity by the name the reference CLI's `--identity` accepts
    /// (`host` 1 … `world-ipv6` 10, `overlay-to-encrypt` 11).
    public static func number(named name: String) -> UInt32? {
        if name == "overlay-to-encrypt" { return 11 }
        guard name != "unknown", let index = names.firstIndex(of: name) else { return nil }
        return UInt32(index)
    }
}
