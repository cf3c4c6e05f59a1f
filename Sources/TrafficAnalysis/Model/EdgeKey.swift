/// A conversation: who opened it, to whom, on which port. Replies count with the request they
/// answer, and a client's ephemeral port is not part of it.
public struct EdgeKey: Hashable, Sendable, Comparable {
    public var source: Peer
    public var destination: Peer
    /// `TCP`, `UDP`, `SCTP`, `ICMPv4`, `ICMPv6`, or empty for a flow without a layer 4.
    public var proto: String
    /// The server's port; 0 without one (ICMP).
    public var port: UInt32

    public init(source: Peer, destination: Peer, proto: String, port: UInt32) {
        self.source = source
        self.destination = destination
        self.proto = proto
        self.port = port
    }

    /// `TCP/80`, `ICMPv4`, or `-`.
    public var portLabel: String {
        if proto.isEmpty { return "-" }
        return port == 0 ? proto : "\(proto)/\(port)"
    }

    public static func < (a: EdgeKey, b: EdgeKey) -> Bool {
        if a.source != b.source { return a.source < b.source }
        if a.destination != b.destination { return a.destination < b.destination }
        return (a.port, a.proto) < (b.port, b.proto)
    }
}
