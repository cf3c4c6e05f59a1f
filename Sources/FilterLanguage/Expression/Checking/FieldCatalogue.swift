/// The fields an expression may name (`filters.md`), with their types, what they read, and an example.
public struct FieldSpec: Sendable {
    public var name: String
    public var type: FieldType
    /// The fields the name stands for: one, or a source and a destination field (either side).
    public var fields: [FieldID]
    public var summary: String
    public var example: String

    /// Whether the name matches either side (`ns`), as opposed to one side or no side.
    public var isEitherSide: Bool { fields.count == 2 }
}

public enum FieldCatalogue {
    /// Every field, in the order `loupe filter fields` lists them.
    public static let all: [FieldSpec] = {
        var specs: [FieldSpec] = []
        let sided: [(String, FieldType, (Side) -> FieldID, String, String)] = [
            ("ns", .name, FieldID.namespace, "the endpoint's Kubernetes namespace", "ns == kube-system"),
            ("pod", .name, FieldID.pod, "the pod name; `ns/pod` compares both; `*` is a glob", "pod == \"echo-*\""),
            ("ip", .ip, FieldID.ip, "the IP address; a CIDR compares by containment", "ip == 10.244.0.0/16"),
            ("port", .number(max: 65535), FieldID.port, "the TCP, UDP or SCTP port", "dst.port in {80, 443, 8000..8080}"),
            ("identity", .identity, FieldID.identity, "the security identity: a number or a reserved name", "src.identity == world"),
            ("label", .labelSelector, FieldID.label, "a Kubernetes label selector over the endpoint's labels", "src.label == \"k8s:app=curl\""),
            ("svc", .name, FieldID.service, "the service name; `ns/name` compares both", "dst.svc == kube-system/kube-dns"),
            ("fqdn", .fqdn, FieldID.fqdn, "the DNS names of the endpoint's IP (`*` matches within names)", "dst.fqdn == \"*.cilium.io\""),
            ("workload", .name, FieldID.workload, "a workload of the endpoint: `name` or `kind/name`", "dst.workload == Deployment/echo"),
            ("cluster", .name, FieldID.cluster, "the endpoint's cluster name", "src.cluster == kind-kind"),
        ]
        for (name, type, field, summary, example) in sided {
            specs.append(FieldSpec(
                name: name, type: type, fields: [field(.source), field(.destination)],
                summary: summary + " (source or destination)", example: example.replacingSide(with: "")))
            specs.append(FieldSpec(name: "src." + name, type: type, fields: [field(.source)], summary: summary + " of the source", example: example.replacingSide(with: "src.")))
            specs.append(FieldSpec(name: "dst." + name, type: type, fields: [field(.destination)], summary: summary + " of the destination", example: example.replacingSide(with: "dst.")))
        }
        let single: [(String, FieldType, FieldID, String, String)] = [
            ("verdict", .verdict, .verdict, "FORWARDED, DROPPED, ERROR, AUDIT, REDIRECTED, TRACED, TRANSLATED", "verdict == DROPPED"),
            ("drop_reason", .dropReason, .dropReason, "why a dropped flow was dropped", "drop_reason == POLICY_DENIED"),
            ("type", .eventType, .eventType, "the event type, with an optional sub-type", "type == trace:to-endpoint"),
            ("direction", .direction, .direction, "ingress, egress or unknown", "direction == ingress"),
            ("reply", .bool, .reply, "whether the flow is a reply", "not reply"),
            ("proto", .proto, .proto, "tcp, udp, sctp, icmp, icmpv4, icmpv6, vrrp, igmp, http, dns, kafka", "proto in {http, dns}"),
        ]
        for (name, type, field, summary, example) in single {
            specs.append(FieldSpec(name: name, type: type, fields: [field], summary: summary, example: example))
        }
        for (index, flag) in TCPFlagMask.names.enumerated() {
            specs.append(FieldSpec(
                name: "tcp.\(flag)", type: .bool, fields: [.tcpFlag(1 << UInt16(index))],
                summary: "the TCP \(flag.uppercased()) flag (false for flows that are not TCP)",
                example: flag == "syn" ? "tcp.syn and not tcp.ack" : "tcp.\(flag)"))
        }
        specs.append(FieldSpec(
            name: "tcp.flags", type: .tcpFlags, fields: [.tcpFlags],
            summary: "the TCP flags: == holds when every flag listed is set, in {…} when one entry holds",
            example: "tcp.flags == \"syn,ack\""))
        let rest: [(String, FieldType, FieldID, String, String)] = [
            ("node", .node, .node, "the node that observed the flow, `[cluster/]node` with `*` globs", "node == \"kind-*\""),
            ("node.label", .labelSelector, .nodeLabel, "a label selector over the node's labels", "node.label == \"topology.kubernetes.io/zone=eu-1\""),
            ("http.method", .caseInsensitiveString, .httpMethod, "the HTTP method, compared without case", "http.method == get"),
            ("http.path", .string, .httpPath, "the path of the HTTP URL", "http.path ~ \"^/api/v[0-9]+/\""),
            ("http.url", .string, .httpURL, "the whole HTTP URL", "http.url ~ \"cilium\\.io\""),
            ("http.status", .number(max: UInt64(UInt32.max)), .httpStatus, "the HTTP status code of a response", "http.status >= 500"),
            ("dns.query", .string, .dnsQuery, "the DNS query name, with its trailing dot", "dns.query ~ \"\\.internal\\.$\""),
            ("dns.rcode", .number(max: UInt64(UInt32.max)), .dnsRcode, "the DNS response code", "dns.rcode != 0"),
            ("time", .time, .time, "when the flow was observed: RFC 3339, or a negative duration from now", "time > -5m"),
            ("uuid", .string, .uuid, "the flow's unique identifier", "uuid == \"c938628b-0c3a-4440-9ecd-3e3ca00d3a16\""),
            ("ipv", .ipVersion, .ipVersion, "the IP version: 4, 6 or none", "ipv == 6"),
            ("encrypted", .bool, .encrypted, "whether the packet was encrypted", "encrypted"),
            ("interface", .string, .interface, "the network interface name", "interface == eth0"),
            ("trace_id", .string, .traceID, "the trace ID of the flow's trace context", "trace_id == \"4bf92f3577b34da6a3ce929d0e0e4736\""),
            ("ip_trace_id", .number(max: UInt64.max), .ipTraceID, "the IP trace ID", "ip_trace_id == 42"),
        ]
        for (name, type, field, summary, example) in rest {
            specs.append(FieldSpec(name: name, type: type, fields: [field], summary: summary, example: example))
        }
        return specs
    }()

    private static let byName: [String: FieldSpec] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// Alternative spellings users reach for.
    static let aliases: [String: String] = [
        "namespace": "ns", "src.namespace": "src.ns", "dst.namespace": "dst.ns", "source.ns": "src.ns",
        "destination.ns": "dst.ns", "service": "svc", "src.service": "src.svc", "dst.service": "dst.svc",
        "protocol": "proto", "drop.reason": "drop_reason", "node_name": "node", "traffic_direction": "direction",
        "http.code": "http.status",
    ]

    /// The field a name refers to (case-insensitive), aliases included.
    public static func field(named name: String) -> FieldSpec? {
        let lower = name.lowercased()
        if let spec = byName[lower] { return spec }
        return aliases[lower].flatMap { byName[$0] }
    }

    /// The spec of a pinned field.
    static func spec(of id: FieldID) -> FieldSpec? { byName[id.name] }

    public static var names: [String] { all.map(\.name) }
}

extension String {
    /// The catalogue writes one example per base name; each side gets its own prefix.
    fileprivate func replacingSide(with prefix: String) -> String {
        var text = self
        for side in ["src.", "dst."] where text.hasPrefix(side) { text = String(text.dropFirst(side.count)) }
        return prefix + text
    }
}
