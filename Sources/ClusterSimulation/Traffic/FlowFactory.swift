import FlowModel
import HubbleAPI
import PolicyEngine
import SwiftProtobuf

/// Builds single datapath events the way a Cilium agent reports them (`protocol.md` §12): traces at
/// an observation point, policy verdicts, drops, socket translations and DNS proxy records.
struct FlowFactory {
    let scenario: Scenario
    let nodeLabels: [String: [String]]
    let nodeNames: [String: String]
    /// Every pod and service as a peer, built once: `namespace/name`.
    let pods: [String: ClusterPeer]
    let services: [String: ClusterPeer]
    var random: SimulationRandom

    init(scenario: Scenario, seed: UInt64) {
        self.scenario = scenario
        nodeLabels = Dictionary(uniqueKeysWithValues: scenario.nodes.map { node in
            (node.name, node.labels.map { "\($0.key)=\($0.value)" }.sorted())
        })
        let cluster = scenario.cluster
        nodeNames = Dictionary(uniqueKeysWithValues: scenario.nodes.map { node in
            (node.name, cluster == "default" || cluster.isEmpty ? node.name : "\(cluster)/\(node.name)")
        })
        pods = Dictionary(uniqueKeysWithValues: scenario.pods.map { ("\($0.namespace)/\($0.name)", ClusterPeer.pod($0, in: scenario)) })
        services = Dictionary(uniqueKeysWithValues: scenario.services.map { ("\($0.namespace)/\($0.name)", ClusterPeer.service($0)) })
        random = SimulationRandom(seed: seed)
    }

    /// `cluster/node`, or `node` for the cluster `default`.
    func qualifiedName(_ node: String) -> String {
        nodeNames[node] ?? (scenario.cluster == "default" || scenario.cluster.isEmpty ? node : "\(scenario.cluster)/\(node)")
    }

    func peer(_ pod: Scenario.Pod) -> ClusterPeer { pods["\(pod.namespace)/\(pod.name)"] ?? .pod(pod, in: scenario) }
    func peer(_ service: Scenario.Service) -> ClusterPeer { services["\(service.namespace)/\(service.name)"] ?? .service(service) }

    /// A packet between two peers: addresses, ports, and TCP flags when it is TCP.
    struct Packet {
        var source: ClusterPeer
        var destination: ClusterPeer
        var sourcePort: UInt32
        var destinationPort: UInt32
        var transport: Transport
        var flags: Flow_TCPFlags = Flow_TCPFlags()

        enum Transport { case tcp, udp }

        /// The same connection in the other direction.
        func reversed(flags: Flow_TCPFlags = Flow_TCPFlags()) -> Packet {
            Packet(source: destination, destination: source, sourcePort: destinationPort, destinationPort: sourcePort, transport: transport, flags: flags)
        }

        var summary: String {
            guard transport == .tcp else { return "UDP" }
            switch (flags.syn, flags.ack, flags.fin, flags.psh, flags.rst) {
            case (true, false, false, false, false): return "TCP Flags: SYN"
            case (true, true, false, false, false): return "TCP Flags: SYN, ACK"
            case (false, true, false, false, false): return "TCP Flags: ACK"
            case (false, true, false, true, false): return "TCP Flags: ACK, PSH"
            case (false, true, true, false, false): return "TCP Flags: ACK, FIN"
            default:
                let names: [(Bool, String)] = [
                    (flags.syn, "SYN"), (flags.ack, "ACK"), (flags.rst, "RST"), (flags.fin, "FIN"), (flags.psh, "PSH"),
                    (flags.urg, "URG"), (flags.ece, "ECE"), (flags.cwr, "CWR"), (flags.ns, "NS"),
                ]
                return "TCP Flags: " + names.filter(\.0).map(\.1).joined(separator: ", ")
            }
        }
    }

    static func flags(_ names: String...) -> Flow_TCPFlags {
        var flags = Flow_TCPFlags()
        for name in names {
            switch name {
            case "SYN": flags.syn = true
            case "ACK": flags.ack = true
            case "FIN": flags.fin = true
            case "PSH": flags.psh = true
            case "RST": flags.rst = true
            default: break
            }
        }
        return flags
    }

    /// The fields every event of a packet has.
    mutating func base(_ packet: Packet, node: String, withEthernet: Bool = true, withPorts: Bool = true) -> Flow {
        var flow = Flow()
        flow.uuid = random.uuid()
        flow.emitter.name = "Hubble"
        flow.emitter.version = "1.19.4"
        if withEthernet {
            flow.ethernet.source = packet.source.pod?.endpoint.mac ?? Self.gatewayMAC
            flow.ethernet.destination = packet.destination.pod?.endpoint.mac ?? Self.gatewayMAC
        }
        flow.ip.source = packet.source.ipText
        flow.ip.destination = packet.destination.ipText
        flow.ip.ipVersion = packet.source.ip.isIPv4 ? .ipv4 : .ipv6
        switch packet.transport {
        case .tcp:
            var tcp = Flow_TCP()
            if withPorts { tcp.sourcePort = packet.sourcePort }
            tcp.destinationPort = packet.destinationPort
            tcp.flags = packet.flags
            flow.l4.tcp = tcp
        case .udp:
            var udp = Flow_UDP()
            if withPorts { udp.sourcePort = packet.sourcePort }
            udp.destinationPort = packet.destinationPort
            flow.l4.udp = udp
        }
        flow.source = packet.source.flowEndpoint(local: false)
        flow.destination = packet.destination.flowEndpoint(local: false)
        flow.type = .l3L4
        flow.nodeName = qualifiedName(node)
        flow.nodeLabels = nodeLabels[node] ?? []
        flow.summary = packet.summary
        return flow
    }

    static let gatewayMAC = "02:42:ac:12:00:01"

    /// A trace event at an observation point (`to-overlay`, `to-endpoint`, `to-proxy`, `to-stack`).
    mutating func trace(
        _ packet: Packet, node: String, point: Flow_TraceObservationPoint, reason: Flow_TraceReason, reply: Bool
    ) -> Flow {
        var flow = base(packet, node: node)
        flow.verdict = .forwarded
        let sourceIsLocal = packet.source.pod?.node == node
        if sourceIsLocal { flow.source = packet.source.localEndpoint }
        switch point {
        case .toEndpoint:
            if let pod = packet.destination.pod, pod.node == node {
                flow.destination = packet.destination.localEndpoint
                flow.interface.index = pod.endpoint.interfaceIndex
                flow.interface.name = pod.endpoint.interfaceName
            }
            flow.eventType.type = 4
        case .toOverlay:
            flow.eventType.type = 4
            flow.eventType.subType = 4
            flow.interface.index = 5
            flow.interface.name = "cilium_vxlan"
        case .toProxy:
            flow.eventType.type = 4
            flow.eventType.subType = 1
            flow.proxyPort = UInt32(30000 + random.next() % 20000)
        default:
            flow.eventType.type = 4
            flow.eventType.subType = 3
        }
        flow.traceObservationPoint = point
        flow.traceReason = reason
        flow.isReply = .init(reply)
        if reply { flow.reply = true }
        flow.trafficDirection = sourceIsLocal != reply ? .egress : .ingress
        return flow
    }

    /// A policy verdict for the first packet of a connection at the side that enforces it: allowed
    /// (FORWARDED, or REDIRECTED to the proxy on `proxyPort`) with the policies that allow it, or
    /// dropped: "Policy denied" (133) when nothing allows it, "Policy denied by denylist" (181) with
    /// the denying policies when a deny rule matches.
    mutating func policyVerdict(
        _ packet: Packet, node: String, direction: Flow_TrafficDirection, verdict: PolicyVerdict, proxyPort: UInt32? = nil
    ) -> Flow {
        var flow = base(packet, node: node)
        flow.eventType.type = 5
        flow.trafficDirection = direction
        if direction == .ingress, packet.destination.pod != nil { flow.destination = packet.destination.localEndpoint }
        if direction == .egress, packet.source.pod != nil { flow.source = packet.source.localEndpoint }
        let side: NetworkPolicy.Direction = direction == .ingress ? .ingress : .egress
        let records = Self.policies(verdict.rules(side))
        switch verdict.decision(side) {
        case .deniedByRule:
            flow.verdict = .dropped
            flow.dropReason = 181
            flow.dropReasonDesc = .policyDeny
            if direction == .ingress { flow.ingressDeniedBy = records } else { flow.egressDeniedBy = records }
        case .denied:
            flow.verdict = .dropped
            flow.dropReason = 133
            flow.dropReasonDesc = .policyDenied
        case .allowed, .notIsolated, .notApplicable:
            flow.verdict = proxyPort == nil ? .forwarded : .redirected
            if let proxyPort { flow.proxyPort = proxyPort }
            flow.isReply = .init(false)
            flow.policyMatchType = verdict.match(side)?.rawValue ?? 0
            if direction == .ingress { flow.ingressAllowedBy = records } else { flow.egressAllowedBy = records }
        }
        return flow
    }

    /// The flow's policy records for the rules that decided, one per policy.
    static func policies(_ rules: [RuleReference]) -> [Flow_Policy] {
        var seen = Set<String>()
        return rules.filter { seen.insert("\($0.kind) \($0.policy)").inserted }.map { policy($0.policy, kind: $0.kind) }
    }

    /// A policy as Cilium records it in flows: `namespace/name` (a clusterwide policy by name), its
    /// kind, and the labels Cilium derives from it.
    static func policy(_ reference: String, kind: String = "NetworkPolicy") -> Flow_Policy {
        var policy = Flow_Policy()
        let parts = reference.split(separator: "/", maxSplits: 1).map(String.init)
        policy.namespace = parts.count == 2 ? parts[0] : ""
        policy.name = parts.last ?? reference
        policy.kind = kind
        policy.labels = ["k8s:io.cilium.k8s.policy.derived-from=\(kind)", "k8s:io.cilium.k8s.policy.name=\(policy.name)"]
        if !policy.namespace.isEmpty { policy.labels.append("k8s:io.cilium.k8s.policy.namespace=\(policy.namespace)") }
        policy.labels.append("k8s:io.cilium.k8s.policy.uid=\(Self.policyUID(reference))")
        policy.revision = 2
        return policy
    }

    static func policyUID(_ reference: String) -> String {
        var random = SimulationRandom(seed: reference.utf8.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1)) &* 1099511628211 })
        return random.uuid()
    }

    /// A packet dropped by policy: `Policy denied DROPPED`.
    mutating func policyDrop(_ packet: Packet, node: String, direction: Flow_TrafficDirection, byDenyRule: Bool = false) -> Flow {
        var flow = base(packet, node: node)
        flow.verdict = .dropped
        flow.dropReason = byDenyRule ? 181 : 133
        flow.dropReasonDesc = byDenyRule ? .policyDeny : .policyDenied
        flow.eventType.type = 1
        flow.eventType.subType = byDenyRule ? 181 : 133
        flow.trafficDirection = direction
        if direction == .ingress, packet.destination.pod != nil { flow.destination = packet.destination.localEndpoint }
        if direction == .egress, packet.source.pod != nil { flow.source = packet.source.localEndpoint }
        flow.file.name = "bpf_lxc.c"
        flow.file.line = direction == .ingress ? 2110 : 1347
        return flow
    }

    /// A socket-level service translation: `pre-xlate-fwd TRACED` toward the service address, or
    /// `post-xlate-fwd TRANSLATED` toward the chosen backend.
    mutating func sockTranslation(_ packet: Packet, node: String, service: Scenario.Service?, cookie: UInt64, cgroup: UInt64) -> Flow {
        var flow = base(packet, node: node, withEthernet: false, withPorts: false)
        flow.type = .sock
        flow.eventType.type = 7
        if let pod = packet.source.pod, pod.node == node { flow.source = packet.source.localEndpoint }
        if let service {
            flow.verdict = .traced
            flow.eventType.subType = 1
            flow.sockXlatePoint = .sockXlatePointPreDirectionFwd
            flow.destinationService.name = service.name
            flow.destinationService.namespace = service.namespace
        } else {
            flow.verdict = .translated
            flow.eventType.subType = 2
            flow.sockXlatePoint = .sockXlatePointPostDirectionFwd
        }
        flow.socketCookie = cookie
        flow.cgroupID = cgroup
        flow.summary = packet.transport == .tcp ? "TCP" : "UDP"
        return flow
    }
}
