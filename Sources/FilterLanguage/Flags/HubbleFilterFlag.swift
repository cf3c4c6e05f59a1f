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
        .init("not", value: false, "Reverses the next filter to be blacklist i.e. --not --from-ip 2.2.2.2"),
        .init("uuid", "Show the only flow matching this unique flow identifier, if any"),
        .init("node-name", "Show all flows which match the given node names (e.g. \"k8s*\", \"test-cluster/*.company.com\")"),
        .init("node-label", "Show only flows observed on nodes matching this label selector"),
        .init("cluster", "Show all flows which match the cluster names (e.g. \"test-cluster\", \"prod-*\")"),
        .init("from-cluster", "Show all flows originating from endpoints known to be in the given cluster name"),
        .init("to-cluster", "Show all flows destined to endpoints known to be in the given cluster name"),
        .init("ip", "Show all flows originating or terminating at the given IP address. Each of the IPs can be specified as an exact match (e.g. '1.1.1.1') or as a CIDR range (e.g.'1.1.1.0/24')."),
        .init("from-ip", "Show all flows originating at the given IP address. Each of the source IPs can be specified as an exact match (e.g. '1.1.1.1') or as a CIDR range (e.g.'1.1.1.0/24')."),
        .init("to-ip", "Show all flows terminating at the given IP address. Each of the destination IPs can be specified as an exact match (e.g. '1.1.1.1') or as a CIDR range (e.g.'1.1.1.0/24')."),
        .init("snat-ip", "Show all flows SNATed with the given IP address. Each of the SNAT IPs can be specified as an exact match (e.g. '1.1.1.1') or as a CIDR range (e.g.'1.1.1.0/24')."),
        .init("ipv4", short: "4", value: false, "Show only IPv4 flows"),
        .init("ipv6", short: "6", value: false, "Show only IPv6 flows"),
        .init("ip-version", "Show only IPv4, IPv6 flows or non IP flows (e.g. ARP packets) (ie: \"none\", \"v4\", \"v6\")"),
        .init("fqdn", "Show all flows related to the given fully qualified domain name (e.g. \"*.cilium.io\")."),
        .init("from-fqdn", "Show all flows originating at the given fully qualified domain name (e.g. \"*.cilium.io\")."),
        .init("to-fqdn", "Show all flows terminating at the given fully qualified domain name (e.g. \"*.cilium.io\")."),
        .init("pod", "Show all flows related to the given pod name prefix in the given namespace (e.g. \"kube-system/coredns-\")"),
        .init("from-pod", "Show all flows originating in the given pod name prefix ([namespace/]<pod-name>)."),
        .init("to-pod", "Show all flows terminating in the given pod name prefix ([namespace/]<pod-name>)."),
        .init("namespace", short: "n", "Show all flows related to the given Kubernetes namespace."),
        .init("from-namespace", "Show all flows originating in the given Kubernetes namespace."),
        .init("to-namespace", "Show all flows terminating in the given Kubernetes namespace."),
        .init("all-namespaces", short: "A", value: false, "Show all flows in any Kubernetes namespace."),
        .init("from-all-namespaces", value: false, "Show flows originating in any Kubernetes namespace."),
        .init("to-all-namespaces", value: false, "Show flows terminating in any Kubernetes namespace."),
        .init("label", short: "l", "Show only flows related to an endpoint with the given labels (e.g. \"key1=value1\", \"reserved:world\")"),
        .init("from-label", "Show only flows originating in an endpoint with the given labels (e.g. \"key1=value1\", \"reserved:world\")"),
        .init("to-label", "Show only flows terminating in an endpoint with given labels (e.g. \"key1=value1\", \"reserved:world\")"),
        .init("service", "Shows flows where either the source or destination pod fulfills the given service name (e.g. \"kube-system/kube-dns\")"),
        .init("from-service", "Shows flows where the source pod fulfills the given service name (e.g. \"kube-system/kube-dns\")"),
        .init("to-service", "Shows flows where the destination pod fulfills the given service name (e.g. \"kube-system/kube-dns\")"),
        .init("workload", "Show all flows related to an endpoint with the given workload (e.g. \"deployment/my-app\")"),
        .init("from-workload", "Show all flows originating at an endpoint with the given workload"),
        .init("to-workload", "Show all flows terminating at an endpoint with the given workload"),
        .init("verdict", "Show only flows with this verdict [FORWARDED, DROPPED, ERROR, AUDIT, REDIRECTED, TRACED, TRANSLATED]"),
        .init("drop-reason-desc", "Show only flows which match this drop reason describe (e.g. \"POLICY_DENIED\", \"UNSUPPORTED_L3_PROTOCOL\")"),
        .init("http-status", "Show only flows which match this HTTP status code prefix (e.g. \"404\", \"5+\")"),
        .init("http-method", "Show only flows which match this HTTP method (e.g. \"get\", \"post\")"),
        .init("http-path", "Show only flows which match this HTTP path regular expressions (e.g. \"/page/\\\\d+\")"),
        .init("http-url", "Show only flows which match this HTTP URL regular expressions (e.g. \"http://.*cilium\\\\.io/page/\\\\d+\")"),
        .init("http-header", "Show only flows which match this HTTP header key:value pairs (e.g. \"foo:bar\")"),
        .init("protocol", "Show only flows which match the given L4/L7 flow protocol (e.g. \"udp\", \"http\")"),
        .init("port", "Show only flows with given port in either source or destination (e.g. 8080)"),
        .init("from-port", "Show only flows with the given source port (e.g. 8080)"),
        .init("to-port", "Show only flows with the given destination port (e.g. 8080)"),
        .init("type", short: "t", "Filter by event types TYPE[:SUBTYPE]. Available types and subtypes: trace (to-endpoint, to-proxy, …), drop, policy-verdict, l7, trace-sock, capture, debug, agent"),
        .init("identity", "Show all flows related to an endpoint with the given security identity"),
        .init("from-identity", "Show all flows originating at an endpoint with the given security identity"),
        .init("to-identity", "Show all flows terminating at an endpoint with the given security identity"),
        .init("tcp-flags", "Show only flows which match the given TCP flags (e.g. \"syn\", \"ack\", \"fin\")"),
        .init("traffic-direction", "Show all flows in the given traffic direction (either ingress or egress)"),
        .init("trace-id", "Show only flows which match this trace ID"),
        .init("ip-trace-id", "Show only flows which match this IP trace ID"),
        .init("interface", "Show all flows observed at the given interface name (e.g. eth0)"),
        .init("encrypted", value: false, "Show only encrypted flows"),
        .init("unencrypted", value: false, "Show only unencrypted flows"),
        .init("cel-expression", "Filter flows using the given CEL expression"),
        .init("allowlist", "Specify allowlist as JSON encoded FlowFilters"),
        .init("denylist", "Specify denylist as JSON encoded FlowFilters"),
    ]
}
