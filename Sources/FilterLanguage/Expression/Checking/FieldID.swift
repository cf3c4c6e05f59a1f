/// A field a checked expression reads, with its side pinned. Either-side names (`ns`, `port`) are
/// checked into a source and a destination atom.
public enum FieldID: Hashable, Sendable {
    case namespace(Side), pod(Side), ip(Side), port(Side), identity(Side), label(Side), service(Side)
    case fqdn(Side), workload(Side), cluster(Side)
    case verdict, dropReason, eventType, direction, reply, proto
    /// One TCP flag, by its bit in `TCPFlagMask`.
    case tcpFlag(UInt16)
    /// All the TCP flags of a packet, as a set.
    case tcpFlags
    case node, nodeLabel
    case httpMethod, httpPath, httpURL, httpStatus
    case dnsQuery, dnsRcode
    case time, uuid, ipVersion, encrypted, interface, traceID, ipTraceID

    /// The field's name with its side, as an expression writes it (`src.ns`).
    public var name: String {
        func sided(_ side: Side, _ base: String) -> String { (side == .source ? "src." : "dst.") + base }
        switch self {
        case .namespace(let s): return sided(s, "ns")
        case .pod(let s): return sided(s, "pod")
        case .ip(let s): return sided(s, "ip")
        case .port(let s): return sided(s, "port")
        case .identity(let s): return sided(s, "identity")
        case .label(let s): return sided(s, "label")
        case .service(let s): return sided(s, "svc")
        case .fqdn(let s): return sided(s, "fqdn")
        case .workload(let s): return sided(s, "workload")
        case .cluster(let s): return sided(s, "cluster")
        case .verdict: return "verdict"
        case .dropReason: return "drop_reason"
        case .eventType: return "type"
        case .direction: return "direction"
        case .reply: return "reply"
        case .proto: return "proto"
        case .tcpFlag(let bit): return "tcp." + TCPFlagMask.names[bit.trailingZeroBitCount]
        case .tcpFlags: return "tcp.flags"
        case .node: return "node"
        case .nodeLabel: return "node.label"
        case .httpMethod: return "http.method"
        case .httpPath: return "http.path"
        case .httpURL: return "http.url"
        case .httpStatus: return "http.status"
        case .dnsQuery: return "dns.query"
        case .dnsRcode: return "dns.rcode"
        case .time: return "time"
        case .uuid: return "uuid"
        case .ipVersion: return "ipv"
        case .encrypted: return "encrypted"
        case .interface: return "interface"
        case .traceID: return "trace_id"
        case .ipTraceID: return "ip_trace_id"
        }
    }
}

/// What kind of value a field holds, which decides the operators and literals it takes.
public enum FieldType: Hashable, Sendable {
    /// Kubernetes names: `==` exact or with `*` globs, `~`, `in`.
    case name
    /// Hubble FQDN patterns (`*.cilium.io`).
    case fqdn
    /// Node-name patterns (`[cluster/]node`).
    case node
    case string
    /// A string compared without regard to case (HTTP methods).
    case caseInsensitiveString
    case ip
    /// An unsigned number up to `max`: `==`, `<`, ranges in sets.
    case number(max: UInt64)
    /// A security identity: a number or a reserved name (`world`).
    case identity
    case labelSelector
    case verdict, dropReason, direction, proto, eventType, ipVersion
    case bool
    case time
    /// A set of TCP flags: `== "syn,ack"` holds when both are set.
    case tcpFlags

    public var displayName: String {
        switch self {
        case .name: "name"
        case .fqdn: "FQDN pattern"
        case .node: "node name"
        case .string, .caseInsensitiveString: "string"
        case .ip: "IP"
        case .number(let max): max == 65535 ? "port" : max == UInt64(UInt32.max) ? "uint32" : "uint"
        case .identity: "identity"
        case .labelSelector: "label selector"
        case .verdict: "verdict"
        case .dropReason: "drop reason"
        case .direction: "direction"
        case .proto: "protocol"
        case .eventType: "event type"
        case .ipVersion: "IP version"
        case .bool: "bool"
        case .time: "timestamp"
        case .tcpFlags: "TCP flags"
        }
    }

    var isNumeric: Bool {
        switch self {
        case .number, .identity: true
        default: false
        }
    }
}
