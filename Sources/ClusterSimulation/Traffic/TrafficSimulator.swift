import FlowModel
import HeapModule
import HubbleAPI
import PolicyEngine
import SwiftProtobuf

/// Plays a scenario's traffic as the flows Cilium agents would report: each traffic entry in turn
/// opens a connection (resolving a service name through kube-dns first), and the packets of all
/// open conversations come out in time order. Deterministic for a given seed.
///
/// Time is virtual: conversations start `interval` apart and their packets follow microseconds to
/// seconds later (a denied SYN is retransmitted after 1 s and 3 s). `time` on each flow is that
/// virtual time; a live agent re-stamps flows as it publishes them.
public struct TrafficSimulator: Sendable {
    public let scenario: Scenario
    /// Only flows observed on this node, when set.
    public let node: String?
    /// `node` as flows name it (`cluster/node`), worked out once.
    let nodeName: String?
    /// Virtual time between two conversation starts.
    public var interval: Int64 = 20_000_000

    var factory: FlowFactory
    var pending = Heap<Pending>()
    var sequence: UInt64 = 0
    var nextStart: Int64
    var nextEntry = 0
    let clients: [ClusterPeer]
    let policies: PolicySet
    /// When each traffic entry's cached DNS answer expires.
    var dnsExpiry: [Int: Int64] = [:]
    /// Connections made per traffic entry (which HTTP request comes next).
    var connections: [Int: Int] = [:]

    struct Pending: Comparable, Sendable {
        var time: Int64
        var sequence: UInt64
        var flow: Flow

        static func < (a: Pending, b: Pending) -> Bool { (a.time, a.sequence) < (b.time, b.sequence) }
        static func == (a: Pending, b: Pending) -> Bool { a.time == b.time && a.sequence == b.sequence }
    }

    /// - Parameter start: the virtual time of the first conversation, in nanoseconds since 1970.
    public init(scenario: Scenario, seed: UInt64, node: String? = nil, start: Int64) {
        self.scenario = scenario
        self.node = node
        factory = FlowFactory(scenario: scenario, seed: seed)
        nextStart = start
        clients = scenario.traffic.map { ClusterPeer.pod(scenario.pod($0.from)!, in: scenario) }
        policies = scenario.policySet
        nodeName = node.map(factory.qualifiedName)
    }

    /// The next flow in time order; `nil` when the scenario has no traffic (on this node).
    public mutating func next() -> Flow? {
        guard !scenario.traffic.isEmpty else { return nil }
        // A node that sees none of the traffic would make this loop forever.
        var skipped = 0
        while skipped < 100_000 {
            while pending.min.map({ $0.time > nextStart }) ?? true { startConversation() }
            let event = pending.removeMin()
            if let nodeName, event.flow.nodeName != nodeName {
                skipped += 1
                continue
            }
            return event.flow
        }
        return nil
    }

    /// Spaces conversations so that this simulator yields about `rate` flows per second of
    /// virtual time, measured on a copy over eight seconds of steady traffic.
    public mutating func setRate(_ rate: Double) {
        guard rate > 0 else { return }
        var probe = self
        probe.interval = 10_000_000
        let from = probe.nextStart + 4_000_000_000
        let to = from + 4_000_000_000
        var counted = 0
        while let flow = probe.next() {
            let time = flow.time.seconds * 1_000_000_000 + Int64(flow.time.nanos)
            if time >= to { break }
            if time >= from { counted += 1 }
        }
        guard counted > 0 else { return }
        let probeRate = Double(counted) / 4
        interval = max(1_000, Int64(Double(probe.interval) * probeRate / rate))
    }

    public mutating func next(_ count: Int) -> [Flow] {
        var flows: [Flow] = []
        flows.reserveCapacity(count)
        while flows.count < count, let flow = next() { flows.append(flow) }
        return flows
    }

    private mutating func startConversation() {
        let index = nextEntry
        nextEntry = (nextEntry + 1) % scenario.traffic.count
        let start = nextStart
        nextStart += interval
        let resolve = dnsExpiry[index].map { start >= $0 } ?? true
        if resolve { dnsExpiry[index] = start + Conversation.dnsTTL }
        let made = connections[index, default: 0]
        connections[index] = made + 1
        var conversation = Conversation(
            traffic: scenario.traffic[index], client: clients[index], scenario: scenario, policies: policies, resolve: resolve,
            requestIndex: made)
        let played = conversation.play(with: &factory)
        // A lookup that got no answer leaves nothing to cache: the next connection asks again.
        if resolve && !conversation.answered { dnsExpiry[index] = nil }
        for (offset, flow) in played {
            var flow = flow
            let time = start + offset
            flow.time = Google_Protobuf_Timestamp(seconds: time / 1_000_000_000, nanos: Int32(time % 1_000_000_000))
            sequence += 1
            pending.insert(Pending(time: time, sequence: sequence, flow: flow))
        }
    }
}
