import ArgumentParser
import FilterLanguage

/// The reference CLI's filter flags, declared for parsing, help and completion from the registry
/// `HubbleFilterFlag` (names, shorthands, help). Their order on the command line matters (`--not`
/// diverts the next flag): `ordered(in:)` takes it from the arguments and the values from here.
struct HubbleFilterOptions: ParsableArguments {
    @Flag(name: .filterFlag("not"), help: .filterFlag("not"))
    var `not`: Int

    @Option(name: .filterFlag("uuid"), help: .filterFlag("uuid"))
    var uuid: [String] = []

    @Option(name: .filterFlag("node-name"), help: .filterFlag("node-name"))
    var nodeName: [String] = []

    @Option(name: .filterFlag("node-label"), help: .filterFlag("node-label"))
    var nodeLabel: [String] = []

    @Option(name: .filterFlag("cluster"), help: .filterFlag("cluster"))
    var cluster: [String] = []

    @Option(name: .filterFlag("from-cluster"), help: .filterFlag("from-cluster"))
    var fromCluster: [String] = []

    @Option(name: .filterFlag("to-cluster"), help: .filterFlag("to-cluster"))
    var toCluster: [String] = []

    @Option(name: .filterFlag("ip"), help: .filterFlag("ip"))
    var ip: [String] = []

    @Option(name: .filterFlag("from-ip"), help: .filterFlag("from-ip"))
    var fromIp: [String] = []

    @Option(name: .filterFlag("to-ip"), help: .filterFlag("to-ip"))
    var toIp: [String] = []

    @Option(name: .filterFlag("snat-ip"), help: .filterFlag("snat-ip"))
    var snatIp: [String] = []

    @Flag(name: .filterFlag("ipv4"), help: .filterFlag("ipv4"))
    var ipv4: Int

    @Flag(name: .filterFlag("ipv6"), help: .filterFlag("ipv6"))
    var ipv6: Int

    @Option(name: .filterFlag("ip-version"), help: .filterFlag("ip-version"), completion: .list(["v4", "v6", "none"]))
    var ipVersion: [String] = []

    @Option(name: .filterFlag("fqdn"), help: .filterFlag("fqdn"))
    var fqdn: [String] = []

    @Option(name: .filterFlag("from-fqdn"), help: .filterFlag("from-fqdn"))
    var fromFqdn: [String] = []

    @Option(name: .filterFlag("to-fqdn"), help: .filterFlag("to-fqdn"))
    var toFqdn: [String] = []

    @Option(name: .filterFlag("pod"), help: .filterFlag("pod"))
    var pod: [String] = []

    @Option(name: .filterFlag("from-pod"), help: .filterFlag("from-pod"))
    var fromPod: [String] = []

    @Option(name: .filterFlag("to-pod"), help: .filterFlag("to-pod"))
    var toPod: [String] = []

    @Option(name: .filterFlag("namespace"), help: .filterFlag("namespace"), completion: .custom(Completions.namespaces))
    var namespace: [String] = []

    @Option(name: .filterFlag("from-namespace"), help: .filterFlag("from-namespace"), completion: .custom(Completions.namespaces))
    var fromNamespace: [String] = []

    @Option(name: .filterFlag("to-namespace"), help: .filterFlag("to-namespace"), completion: .custom(Completions.namespaces))
    var toNamespace: [String] = []

    @Flag(name: .filterFlag("all-namespaces"), help: .filterFlag("all-namespaces"))
    var allNamespaces: Int

    @Flag(name: .filterFlag("from-all-namespaces"), help: .filterFlag("from-all-namespaces"))
    var fromAllNamespaces: Int

    @Flag(name: .filterFlag("to-all-namespaces"), help: .filterFlag("to-all-namespaces"))
    var toAllNamespaces: Int

    @Option(name: .filterFlag("label"), help: .filterFlag("label"))
    var label: [String] = []

    @Option(name: .filterFlag("from-label"), help: .filterFlag("from-label"))
    var fromLabel: [String] = []

    @Option(name: .filterFlag("to-label"), help: .filterFlag("to-label"))
    var toLabel: [String] = []

    @Option(name: .filterFlag("service"), help: .filterFlag("service"))
    var service: [String] = []

    @Option(name: .filterFlag("from-service"), help: .filterFlag("from-service"))
    var fromService: [String] = []

    @Option(name: .filterFlag("to-service"), help: .filterFlag("to-service"))
    var toService: [String] = []

    @Option(name: .filterFlag("workload"), help: .filterFlag("workload"))
    var workload: [String] = []

    @Option(name: .filterFlag("from-workload"), help: .filterFlag("from-workload"))
    var fromWorkload: [String] = []

    @Option(name: .filterFlag("to-workload"), help: .filterFlag("to-workload"))
    var toWorkload: [String] = []

    @Option(name: .filterFlag("verdict"), help: .filterFlag("verdict"), completion: .list(["FORWARDED", "DROPPED", "ERROR", "AUDIT", "REDIRECTED", "TRACED", "TRANSLATED"]))
    var verdict: [String] = []

    @Option(name: .filterFlag("drop-reason-desc"), help: .filterFlag("drop-reason-desc"), completion: .list(Completions.dropReasons))
    var dropReasonDesc: [String] = []

    @Option(name: .filterFlag("http-status"), help: .filterFlag("http-status"))
    var httpStatus: [String] = []

    @Option(name: .filterFlag("http-method"), help: .filterFlag("http-method"))
    var httpMethod: [String] = []

    @Option(name: .filterFlag("http-path"), help: .filterFlag("http-path"))
    var httpPath: [String] = []

    @Option(name: .filterFlag("http-url"), help: .filterFlag("http-url"))
    var httpUrl: [String] = []

    @Option(name: .filterFlag("http-header"), help: .filterFlag("http-header"))
    var httpHeader: [String] = []

    @Option(name: .filterFlag("protocol"), help: .filterFlag("protocol"), completion: .list(["tcp", "udp", "sctp", "icmp", "icmpv4", "icmpv6", "vrrp", "igmp", "http", "dns", "kafka"]))
    var `protocol`: [String] = []

    @Option(name: .filterFlag("port"), help: .filterFlag("port"))
    var port: [String] = []

    @Option(name: .filterFlag("from-port"), help: .filterFlag("from-port"))
    var fromPort: [String] = []

    @Option(name: .filterFlag("to-port"), help: .filterFlag("to-port"))
    var toPort: [String] = []

    @Option(name: .filterFlag("type"), help: .filterFlag("type"), completion: .list(["drop", "debug", "capture", "trace", "policy-verdict", "trace-sock", "l7", "agent"]))
    var `type`: [String] = []

    @Option(name: .filterFlag("identity"), help: .filterFlag("identity"))
    var identity: [String] = []

    @Option(name: .filterFlag("from-identity"), help: .filterFlag("from-identity"))
    var fromIdentity: [String] = []

    @Option(name: .filterFlag("to-identity"), help: .filterFlag("to-identity"))
    var toIdentity: [String] = []

    @Option(name: .filterFlag("tcp-flags"), help: .filterFlag("tcp-flags"), completion: .list(["syn", "fin", "rst", "psh", "ack", "urg", "ece", "cwr", "ns"]))
    var tcpFlags: [String] = []

    @Option(name: .filterFlag("traffic-direction"), help: .filterFlag("traffic-direction"), completion: .list(["ingress", "egress"]))
    var trafficDirection: [String] = []

    @Option(name: .filterFlag("trace-id"), help: .filterFlag("trace-id"))
    var traceId: [String] = []

    @Option(name: .filterFlag("ip-trace-id"), help: .filterFlag("ip-trace-id"))
    var ipTraceId: [String] = []

    @Option(name: .filterFlag("interface"), help: .filterFlag("interface"))
    var `interface`: [String] = []

    @Flag(name: .filterFlag("encrypted"), help: .filterFlag("encrypted"))
    var encrypted: Int

    @Flag(name: .filterFlag("unencrypted"), help: .filterFlag("unencrypted"))
    var unencrypted: Int

    @Option(name: .filterFlag("cel-expression"), help: .filterFlag("cel-expression"))
    var celExpression: [String] = []

    @Option(name: .filterFlag("allowlist"), help: .filterFlag("allowlist"))
    var allowlist: [String] = []

    @Option(name: .filterFlag("denylist"), help: .filterFlag("denylist"))
    var denylist: [String] = []

    /// The values parsed for `flag` in the order given; for a flag without a value, an empty string
    /// per occurrence. Nil for a name that is not declared here.
    func values(of flag: HubbleFilterFlag) -> [String]? {
        if let count = occurrences(of: flag.name) { return Array(repeating: "", count: count) }
        switch flag.name {
        case "uuid": return uuid
        case "node-name": return nodeName
        case "node-label": return nodeLabel
        case "cluster": return cluster
        case "from-cluster": return fromCluster
        case "to-cluster": return toCluster
        case "ip": return ip
        case "from-ip": return fromIp
        case "to-ip": return toIp
        case "snat-ip": return snatIp
        case "ip-version": return ipVersion
        case "fqdn": return fqdn
        case "from-fqdn": return fromFqdn
        case "to-fqdn": return toFqdn
        case "pod": return pod
        case "from-pod": return fromPod
        case "to-pod": return toPod
        case "namespace": return namespace
        case "from-namespace": return fromNamespace
        case "to-namespace": return toNamespace
        case "label": return label
        case "from-label": return fromLabel
        case "to-label": return toLabel
        case "service": return service
        case "from-service": return fromService
        case "to-service": return toService
        case "workload": return workload
        case "from-workload": return fromWorkload
        case "to-workload": return toWorkload
        case "verdict": return verdict
        case "drop-reason-desc": return dropReasonDesc
        case "http-status": return httpStatus
        case "http-method": return httpMethod
        case "http-path": return httpPath
        case "http-url": return httpUrl
        case "http-header": return httpHeader
        case "protocol": return `protocol`
        case "port": return port
        case "from-port": return fromPort
        case "to-port": return toPort
        case "type": return `type`
        case "identity": return identity
        case "from-identity": return fromIdentity
        case "to-identity": return toIdentity
        case "tcp-flags": return tcpFlags
        case "traffic-direction": return trafficDirection
        case "trace-id": return traceId
        case "ip-trace-id": return ipTraceId
        case "interface": return `interface`
        case "cel-expression": return celExpression
        case "allowlist": return allowlist
        case "denylist": return denylist
        default: return nil
        }
    }

    /// How often a flag without a value was given.
    private func occurrences(of name: String) -> Int? {
        switch name {
        case "not": return `not`
        case "ipv4": return ipv4
        case "ipv6": return ipv6
        case "all-namespaces": return allNamespaces
        case "from-all-namespaces": return fromAllNamespaces
        case "to-all-namespaces": return toAllNamespaces
        case "encrypted": return encrypted
        case "unencrypted": return unencrypted
        default: return nil
        }
    }

    /// The filter flags in command-line order, with their values. `arguments` are the command's
    /// arguments after its name.
    func ordered(in arguments: [String]) throws(HubbleFlagError) -> [(name: String, value: String)] {
        try HubbleFilterFlag.ordered(in: arguments) { values(of: $0) ?? [] }
    }
}

extension NameSpecification {
    /// The long name and shorthand of a filter flag, from the registry.
    static func filterFlag(_ name: String) -> NameSpecification {
        guard let flag = HubbleFilterFlag.named(name) else { preconditionFailure("no filter flag named \(name)") }
        if let shorthand = flag.shorthand { return [.customShort(shorthand), .customLong(name)] }
        return .customLong(name)
    }
}

extension ArgumentHelp {
    /// The help of a filter flag, from the registry.
    static func filterFlag(_ name: String) -> ArgumentHelp {
        let flag = HubbleFilterFlag.named(name)
        return ArgumentHelp(flag?.help ?? "", valueName: flag?.takesValue == true ? "filter" : nil)
    }
}
