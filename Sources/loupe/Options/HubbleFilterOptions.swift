import ArgumentParser
import FilterLanguage

/// The reference CLI's filter flags, declared for parsing, help and completion. Their order on the
/// command line matters (`--not` diverts the next flag), so `orderedFlags(in:)` recovers it from the
/// raw arguments; the declarations here only make them known and documented.
struct HubbleFilterOptions: ParsableArguments {
    @Flag(name: .customLong("not"), help: ArgumentHelp(Self.help("not")))
    var `not`: Int

    @Option(name: .customLong("uuid"), help: ArgumentHelp(Self.help("uuid"), valueName: "filter"))
    var uuid: [String] = []

    @Option(name: .customLong("node-name"), help: ArgumentHelp(Self.help("node-name"), valueName: "filter"))
    var nodeName: [String] = []

    @Option(name: .customLong("node-label"), help: ArgumentHelp(Self.help("node-label"), valueName: "filter"))
    var nodeLabel: [String] = []

    @Option(name: .customLong("cluster"), help: ArgumentHelp(Self.help("cluster"), valueName: "filter"))
    var cluster: [String] = []

    @Option(name: .customLong("from-cluster"), help: ArgumentHelp(Self.help("from-cluster"), valueName: "filter"))
    var fromCluster: [String] = []

    @Option(name: .customLong("to-cluster"), help: ArgumentHelp(Self.help("to-cluster"), valueName: "filter"))
    var toCluster: [String] = []

    @Option(name: .customLong("ip"), help: ArgumentHelp(Self.help("ip"), valueName: "filter"))
    var ip: [String] = []

    @Option(name: .customLong("from-ip"), help: ArgumentHelp(Self.help("from-ip"), valueName: "filter"))
    var fromIp: [String] = []

    @Option(name: .customLong("to-ip"), help: ArgumentHelp(Self.help("to-ip"), valueName: "filter"))
    var toIp: [String] = []

    @Option(name: .customLong("snat-ip"), help: ArgumentHelp(Self.help("snat-ip"), valueName: "filter"))
    var snatIp: [String] = []

    @Flag(name: [.customShort("4"), .customLong("ipv4")], help: ArgumentHelp(Self.help("ipv4")))
    var ipv4: Int

    @Flag(name: [.customShort("6"), .customLong("ipv6")], help: ArgumentHelp(Self.help("ipv6")))
    var ipv6: Int

    @Option(name: .customLong("ip-version"), help: ArgumentHelp(Self.help("ip-version"), valueName: "filter"), completion: .list(["v4", "v6", "none"]))
    var ipVersion: [String] = []

    @Option(name: .customLong("fqdn"), help: ArgumentHelp(Self.help("fqdn"), valueName: "filter"))
    var fqdn: [String] = []

    @Option(name: .customLong("from-fqdn"), help: ArgumentHelp(Self.help("from-fqdn"), valueName: "filter"))
    var fromFqdn: [String] = []

    @Option(name: .customLong("to-fqdn"), help: ArgumentHelp(Self.help("to-fqdn"), valueName: "filter"))
    var toFqdn: [String] = []

    @Option(name: .customLong("pod"), help: ArgumentHelp(Self.help("pod"), valueName: "filter"))
    var pod: [String] = []

    @Option(name: .customLong("from-pod"), help: ArgumentHelp(Self.help("from-pod"), valueName: "filter"))
    var fromPod: [String] = []

    @Option(name: .customLong("to-pod"), help: ArgumentHelp(Self.help("to-pod"), valueName: "filter"))
    var toPod: [String] = []

    @Option(name: [.customShort("n"), .customLong("namespace")], help: ArgumentHelp(Self.help("namespace"), valueName: "filter"), completion: .custom(Completions.namespaces))
    var namespace: [String] = []

    @Option(name: .customLong("from-namespace"), help: ArgumentHelp(Self.help("from-namespace"), valueName: "filter"), completion: .custom(Completions.namespaces))
    var fromNamespace: [String] = []

    @Option(name: .customLong("to-namespace"), help: ArgumentHelp(Self.help("to-namespace"), valueName: "filter"), completion: .custom(Completions.namespaces))
    var toNamespace: [String] = []

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: ArgumentHelp(Self.help("all-namespaces")))
    var allNamespaces: Int

    @Flag(name: .customLong("from-all-namespaces"), help: ArgumentHelp(Self.help("from-all-namespaces")))
    var fromAllNamespaces: Int

    @Flag(name: .customLong("to-all-namespaces"), help: ArgumentHelp(Self.help("to-all-namespaces")))
    var toAllNamespaces: Int

    @Option(name: [.customShort("l"), .customLong("label")], help: ArgumentHelp(Self.help("label"), valueName: "filter"))
    var label: [String] = []

    @Option(name: .customLong("from-label"), help: ArgumentHelp(Self.help("from-label"), valueName: "filter"))
    var fromLabel: [String] = []

    @Option(name: .customLong("to-label"), help: ArgumentHelp(Self.help("to-label"), valueName: "filter"))
    var toLabel: [String] = []

    @Option(name: .customLong("service"), help: ArgumentHelp(Self.help("service"), valueName: "filter"))
    var service: [String] = []

    @Option(name: .customLong("from-service"), help: ArgumentHelp(Self.help("from-service"), valueName: "filter"))
    var fromService: [String] = []

    @Option(name: .customLong("to-service"), help: ArgumentHelp(Self.help("to-service"), valueName: "filter"))
    var toService: [String] = []

    @Option(name: .customLong("workload"), help: ArgumentHelp(Self.help("workload"), valueName: "filter"))
    var workload: [String] = []

    @Option(name: .customLong("from-workload"), help: ArgumentHelp(Self.help("from-workload"), valueName: "filter"))
    var fromWorkload: [String] = []

    @Option(name: .customLong("to-workload"), help: ArgumentHelp(Self.help("to-workload"), valueName: "filter"))
    var toWorkload: [String] = []

    @Option(name: .customLong("verdict"), help: ArgumentHelp(Self.help("verdict"), valueName: "filter"), completion: .list(["FORWARDED", "DROPPED", "ERROR", "AUDIT", "REDIRECTED", "TRACED", "TRANSLATED"]))
    var verdict: [String] = []

    @Option(name: .customLong("drop-reason-desc"), help: ArgumentHelp(Self.help("drop-reason-desc"), valueName: "filter"), completion: .list(Completions.dropReasons))
    var dropReasonDesc: [String] = []

    @Option(name: .customLong("http-status"), help: ArgumentHelp(Self.help("http-status"), valueName: "filter"))
    var httpStatus: [String] = []

    @Option(name: .customLong("http-method"), help: ArgumentHelp(Self.help("http-method"), valueName: "filter"))
    var httpMethod: [String] = []

    @Option(name: .customLong("http-path"), help: ArgumentHelp(Self.help("http-path"), valueName: "filter"))
    var httpPath: [String] = []

    @Option(name: .customLong("http-url"), help: ArgumentHelp(Self.help("http-url"), valueName: "filter"))
    var httpUrl: [String] = []

    @Option(name: .customLong("http-header"), help: ArgumentHelp(Self.help("http-header"), valueName: "filter"))
    var httpHeader: [String] = []

    @Option(name: .customLong("protocol"), help: ArgumentHelp(Self.help("protocol"), valueName: "filter"), completion: .list(["tcp", "udp", "sctp", "icmp", "icmpv4", "icmpv6", "vrrp", "igmp", "http", "dns", "kafka"]))
    var `protocol`: [String] = []

    @Option(name: .customLong("port"), help: ArgumentHelp(Self.help("port"), valueName: "filter"))
    var port: [String] = []

    @Option(name: .customLong("from-port"), help: ArgumentHelp(Self.help("from-port"), valueName: "filter"))
    var fromPort: [String] = []

    @Option(name: .customLong("to-port"), help: ArgumentHelp(Self.help("to-port"), valueName: "filter"))
    var toPort: [String] = []

    @Option(name: [.customShort("t"), .customLong("type")], help: ArgumentHelp(Self.help("type"), valueName: "filter"), completion: .list(["drop", "debug", "capture", "trace", "policy-verdict", "trace-sock", "l7", "agent"]))
    var `type`: [String] = []

    @Option(name: .customLong("identity"), help: ArgumentHelp(Self.help("identity"), valueName: "filter"))
    var identity: [String] = []

    @Option(name: .customLong("from-identity"), help: ArgumentHelp(Self.help("from-identity"), valueName: "filter"))
    var fromIdentity: [String] = []

    @Option(name: .customLong("to-identity"), help: ArgumentHelp(Self.help("to-identity"), valueName: "filter"))
    var toIdentity: [String] = []

    @Option(name: .customLong("tcp-flags"), help: ArgumentHelp(Self.help("tcp-flags"), valueName: "filter"), completion: .list(["syn", "fin", "rst", "psh", "ack", "urg", "ece", "cwr", "ns"]))
    var tcpFlags: [String] = []

    @Option(name: .customLong("traffic-direction"), help: ArgumentHelp(Self.help("traffic-direction"), valueName: "filter"), completion: .list(["ingress", "egress"]))
    var trafficDirection: [String] = []

    @Option(name: .customLong("trace-id"), help: ArgumentHelp(Self.help("trace-id"), valueName: "filter"))
    var traceId: [String] = []

    @Option(name: .customLong("ip-trace-id"), help: ArgumentHelp(Self.help("ip-trace-id"), valueName: "filter"))
    var ipTraceId: [String] = []

    @Option(name: .customLong("interface"), help: ArgumentHelp(Self.help("interface"), valueName: "filter"))
    var `interface`: [String] = []

    @Flag(name: .customLong("encrypted"), help: ArgumentHelp(Self.help("encrypted")))
    var encrypted: Int

    @Flag(name: .customLong("unencrypted"), help: ArgumentHelp(Self.help("unencrypted")))
    var unencrypted: Int

    @Option(name: .customLong("cel-expression"), help: ArgumentHelp(Self.help("cel-expression"), valueName: "filter"))
    var celExpression: [String] = []

    @Option(name: .customLong("allowlist"), help: ArgumentHelp(Self.help("allowlist"), valueName: "filter"))
    var allowlist: [String] = []

    @Option(name: .customLong("denylist"), help: ArgumentHelp(Self.help("denylist"), valueName: "filter"))
    var denylist: [String] = []


    static func help(_ name: String) -> String { HubbleFilterFlag.named(name)?.help ?? "" }
}
