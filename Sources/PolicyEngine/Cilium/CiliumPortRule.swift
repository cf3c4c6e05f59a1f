/// A `toPorts` entry: the ports it opens (all, when none is given) and, for an allow rule, what the
/// proxy then permits on them (`rules.http`, `rules.dns`) and the TLS names (`serverNames`).
public struct CiliumPortRule: Sendable, Hashable {
    public var ports: [PortProtocol]
    public var http: [HTTPRule]?
    public var dns: [DNSNamePattern]?
    public var serverNames: [String]

    public init(ports: [PortProtocol] = [], http: [HTTPRule]? = nil, dns: [DNSNamePattern]? = nil, serverNames: [String] = []) {
        self.ports = ports
        self.http = http
        self.dns = dns
        self.serverNames = serverNames
    }

    /// Whether the proxy sees the traffic this entry allows (an empty list of rules is none, as
    /// Cilium's `L7Rules.IsEmpty` says).
    public var hasL7: Bool { !(http ?? []).isEmpty || !(dns ?? []).isEmpty }

    /// A port, a named port or a range (`endPort`), for one protocol or all (`ANY`, the default).
    public struct PortProtocol: Sendable, Hashable {
        public enum Number: Sendable, Hashable {
            /// `0` or absent: every port.
            case any
            case number(Int)
            case named(String)
        }

        public var port: Number
        public var endPort: Int?
        /// `nil`: TCP, UDP and SCTP (Cilium's `ANY`).
        public var `protocol`: Transport?
        /// A protocol without ports the simulation never carries (`VRRP`, `IGMP`): matches nothing.
        public var otherProtocol: String?

        public init(port: Number = .any, endPort: Int? = nil, protocol: Transport? = nil, otherProtocol: String? = nil) {
            self.port = port
            self.endPort = endPort
            self.protocol = `protocol`
            self.otherProtocol = otherProtocol
        }
    }

    /// `icmps` fields: a type for one family.
    public struct ICMPType: Sendable, Hashable {
        public var ipv6: Bool
        public var type: Int

        public init(ipv6: Bool = false, type: Int) {
            self.ipv6 = ipv6
            self.type = type
        }
    }
}
