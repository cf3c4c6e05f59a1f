/// The reference CLI's filter flags (`hubble observe --help`), by long name, with their shorthands and
/// whether they take a value. The order of the flags on the command line matters (`--not` diverts the
/// next one), so the executable recovers it with this table.
public struct HubbleFilterFlag: Sendable, Hashable {
    public var name: String
    public var shorthand: Character?
    public var takesValue: Bool
    public var help: String

    /// How the reference names the flag in errors: `--verdict`, or `-n, --namespace`.
    public var display: String {
        if let shorthand { return "-\(shorthand), --\(name)" }
        return "--\(name)"
    }

    public static func named(_ name: String) -> HubbleFilterFlag? { byName[name] }
    public static func shorthand(_ c: Character) -> HubbleFilterFlag? { byShorthand[c] }

    private static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
    private static let byShorthand = Dictionary(uniqueKeysWithValues: all.compactMap { f in f.shorthand.map { ($0, f) } })

    private init(_ name: String, short shorthand: Character? = nil, value: Bool = true, _ help: String) {
        self.name = name
        self.shorthand = shorthand
        takesValue = value
        self.help = help
    }

    /// Every filter flag, in the order `hubble observe --help` lists them.
    public static let all: [HubbleFilterFlag] = [
        .init("not", value: false, "Send the next filter flag to the deny list (--not --namespace kube-system)"),
        .init("uuid", "Flows with this flow UUID"),
        .init("node-name", "Flows seen on these nodes: [cluster/]node, '*' as a wildcard (kind-*)"),
        .init("node-label", "Flows seen on nodes whose labels match this selector"),
        .init("cluster", "Flows from or to endpoints in this cluster"),
        .init("from-cluster", "Flows from endpoints in this cluster"),
        .init("to-cluster", "Flows to endpoints in this cluster"),
        .init("ip", "Flows from or to this address or CIDR (10.0.0.1, 10.0.0.0/8)"),
        .init("from-ip", "Flows from this address or CIDR"),
        .init("to-ip", "Flows to this address or CIDR"),
        .init("snat-ip", "Flows whose source was translated to this address or CIDR"),
        .init("ipv4", short: "4", value: false, "IPv4 flows only"),
        .init("ipv6", short: "6", value: false, "IPv6 flows only"),
        .init("ip-version", "Flows of this IP version: v4, v6, or none for non-IP traffic"),
        .init("fqdn", "Flows from or to this DNS name ('*' as a wildcard: *.cilium.io)"),
        .init("from-fqdn", "Flows from this DNS name"),
        .init("to-fqdn", "Flows to this DNS name"),
        .init("pod", "Flows from or to pods whose name starts with this ([namespace/]prefix)"),
        .init("from-pod", "Flows from pods whose name starts with this ([namespace/]prefix)"),
        .init("to-pod", "Flows to pods whose name starts with this ([namespace/]prefix)"),
        .init("namespace", short: "n", "Flows from or to this Kubernetes namespace"),
        .init("from-namespace", "Flows from this namespace"),
        .init("to-namespace", "Flows to this namespace"),
        .init("all-namespaces", short: "A", value: false, "Flows from or to any namespace"),
        .init("from-all-namespaces", value: false, "Flows from any namespace"),
        .init("to-all-namespaces", value: false, "Flows to any namespace"),
        .init("label", short: "l", "Flows from or to endpoints whose labels match this selector (k8s:app=echo, reserved:world)"),
        .init("from-label", "Flows from endpoints whose labels match this selector"),
        .init("to-label", "Flows to endpoints whose labels match this selector"),
        .init("service", "Flows from or to this service ([namespace/]name prefix)"),
        .init("from-service", "Flows from this service"),
        .init("to-service", "Flows to this service"),
        .init("workload", "Flows from or to endpoints of this workload (name, kind/name or kind/)"),
        .init("from-workload", "Flows from endpoints of this workload"),
        .init("to-workload", "Flows to endpoints of this workload"),
        .init("verdict", "Flows with this verdict: FORWARDED, DROPPED, ERROR, AUDIT, REDIRECTED, TRACED, TRANSLATED"),
        .init("drop-reason-desc", "Dropped flows with this drop reason (POLICY_DENIED)"),
        .init("http-status", "HTTP flows with this status code (404) or code prefix (5+)"),
        .init("http-method", "HTTP flows with this method, in any case"),
        .init("http-path", "HTTP flows whose URL path matches this RE2 regular expression"),
        .init("http-url", "HTTP flows whose URL matches this RE2 regular expression"),
        .init("http-header", "HTTP flows with this header, as name:value"),
        .init("protocol", "Flows of this L4 or L7 protocol (tcp, udp, icmp, http, dns, …)"),
        .init("port", "Flows with this source or destination port"),
        .init("from-port", "Flows with this source port"),
        .init("to-port", "Flows with this destination port"),
        .init("type", short: "t", "Flows of this event type, TYPE[:SUBTYPE] (drop, trace:to-endpoint, policy-verdict, l7, trace-sock, capture, debug, agent)"),
        .init("identity", "Flows from or to this security identity (a number or a reserved name: world, host, …)"),
        .init("from-identity", "Flows from this security identity"),
        .init("to-identity", "Flows to this security identity"),
        .init("tcp-flags", "TCP flows with all these flags set (syn,ack)"),
        .init("traffic-direction", "Flows in this direction: ingress or egress"),
        .init("trace-id", "Flows with this trace ID"),
        .init("ip-trace-id", "Flows with this IP trace ID"),
        .init("interface", "Flows seen at this network interface"),
        .init("encrypted", value: false, "Encrypted flows only"),
        .init("unencrypted", value: false, "Unencrypted flows only"),
        .init("cel-expression", "A CEL expression (not supported: use the filter expression)"),
        .init("allowlist", "Allow-list FlowFilters as JSON (several may follow each other)"),
        .init("denylist", "Deny-list FlowFilters as JSON (several may follow each other)"),
    ]
}
