import FlowModel
import HubbleAPI
import SwiftProtobuf

/// Flows folded into conversations (`EdgeKey` → `EdgeStats`): memory grows with the number of
/// conversations, not of flows. Records that are not flows (lost events, node status) are left out.
public struct TrafficMap: Sendable {
    public let grouping: Grouping
    public private(set) var edges: [EdgeKey: EdgeStats] = [:]
    public private(set) var flowsSeen = 0
    /// The labels flows gave each peer (the first flow that had any), for selectors.
    public private(set) var labels: [Peer: [String]] = [:]
    /// An address each peer was seen at (the first), for rules on addresses.
    public private(set) var addresses: [Peer: String] = [:]
    /// The last ends whose labels and addresses are both recorded.
    private var recorded: (source: Peer?, destination: Peer?) = (nil, nil)

    /// Members of a flow no conversation reads: strings and lists of strings a decoder may check
    /// without building. Keep in step with `key(_:)` and `EdgeStats.add`.
    public static var unusedMembers: JSONSkipSet {
        var set = JSONSkipSet()
        set.skip(["uuid", "node_name", "Summary"], in: Flow_Flow.jsonFieldTable, as: .string)
        set.skip(["node_labels", "policy_log"], in: Flow_Flow.jsonFieldTable, as: .strings)
        set.skip(["cluster_name"], in: Flow_Endpoint.jsonFieldTable, as: .string)
        return set
    }

    public init(grouping: Grouping = .workload) {
        self.grouping = grouping
    }

    public mutating func add(_ envelope: FlowEnvelope) {
        guard case .flow(let flow)? = envelope.responseTypes else { return }
        add(flow)
    }

    public mutating func add(_ flow: Flow) {
        flowsSeen += 1
        let key = self.key(flow)
        let time = flow.hasTime ? flow.time.seconds &* 1_000_000_000 &+ Int64(flow.time.nanos) : 0
        edges[key, default: EdgeStats()].add(flow, time: time)
    }

    /// The conversations in order: by source, destination, then port.
    public var sortedEdges: [(key: EdgeKey, stats: EdgeStats)] {
        edges.sorted { $0.key < $1.key }.map { (key: $0.key, stats: $0.value) }
    }

    /// Every peer, in order.
    public var peers: [Peer] {
        Set(edges.keys.flatMap { [$0.source, $0.destination] }).sorted()
    }

    /// The conversation of a flow: a reply is turned around to the request it answers, so both
    /// directions count once, under the server's port.
    mutating func key(_ flow: Flow) -> EdgeKey {
        let reply = Self.isReply(flow)
        var source = grouping.peer(
            flow.source, address: flow.ip.source, names: flow.sourceNames, service: flow.hasSourceService ? flow.sourceService : nil)
        var destination = grouping.peer(
            flow.destination, address: flow.ip.destination, names: flow.destinationNames,
            service: flow.hasDestinationService ? flow.destinationService : nil)
        // Consecutive flows mostly share their ends: those already recorded in full are not looked up.
        if source != recorded.source || destination != recorded.destination {
            if labels[source] == nil, !flow.source.labels.isEmpty { labels[source] = flow.source.labels }
            if labels[destination] == nil, !flow.destination.labels.isEmpty { labels[destination] = flow.destination.labels }
            if addresses[source] == nil, !flow.ip.source.isEmpty { addresses[source] = flow.ip.source }
            if addresses[destination] == nil, !flow.ip.destination.isEmpty { addresses[destination] = flow.ip.destination }
            if labels[source] != nil, labels[destination] != nil, addresses[source] != nil, addresses[destination] != nil {
                recorded = (source, destination)
            }
        }
        let (proto, sourcePort, destinationPort) = Self.layer4(flow)
        if reply { swap(&source, &destination) }
        return EdgeKey(source: source, destination: destination, proto: proto, port: reply ? sourcePort : destinationPort)
    }

    /// Whether a flow goes from server to client: as `is_reply` says when the flow carries it (Cilium
    /// sets it from connection tracking); else a SYN is a request and a SYN-ACK a reply; else a
    /// flow from a port below Linux's ephemeral range (32768, `ip_local_port_range`) to one in it
    /// is taken for a reply.
    static func isReply(_ flow: Flow) -> Bool {
        if flow.hasIsReply { return flow.isReply.value }
        if case .tcp(let tcp)? = flow.l4.protocol, tcp.hasFlags, tcp.flags.syn { return tcp.flags.ack }
        let (_, sourcePort, destinationPort) = layer4(flow)
        return sourcePort != 0 && sourcePort < 32768 && destinationPort >= 32768
    }

    /// The protocol and the two ports of a flow.
    static func layer4(_ flow: Flow) -> (String, UInt32, UInt32) {
        guard flow.hasL4 else { return ("", 0, 0) }
        switch flow.l4.protocol {
        case .tcp(let tcp)?: return ("TCP", tcp.sourcePort, tcp.destinationPort)
        case .udp(let udp)?: return ("UDP", udp.sourcePort, udp.destinationPort)
        case .sctp(let sctp)?: return ("SCTP", sctp.sourcePort, sctp.destinationPort)
        case .icmpv4?: return ("ICMPv4", 0, 0)
        case .icmpv6?: return ("ICMPv6", 0, 0)
        case .vrrp?: return ("VRRP", 0, 0)
        case .igmp?: return ("IGMP", 0, 0)
        case nil: return ("", 0, 0)
        }
    }
}
