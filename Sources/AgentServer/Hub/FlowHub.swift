import FlowModel
import Foundation
import HubbleAPI
import NIOCore
import SwiftProtobuf
import Synchronization

/// The agent's shared state: the ring of recent events that every GetFlows call reads, the flows
/// seen since start, the namespaces seen lately, and the callers waiting for new events. Writers
/// publish batches; readers copy batches out under the lock and filter outside it.
public final class FlowHub: Sendable {
    /// `cluster/node` (or `node` in the cluster `default`): the name on lost-event responses.
    public let nodeName: String
    public let cluster: String
    public let capacity: Int
    public let startedAt: Date

    struct State {
        var ring: FlowRing
        var seen: UInt64 = 0
        /// Flows seen since start, by the node that saw them (`node_name`).
        var seenPerNode: [String: UInt64] = [:]
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0
        var closed = false
        /// Namespaces seen as a flow's source or destination, with when they were last seen.
        var namespaces: [NamespaceKey: Date] = [:]
    }

    struct NamespaceKey: Hashable {
        var cluster: String
        var namespace: String
    }

    let state: Mutex<State>

    public init(nodeName: String, cluster: String, capacity: Int, startedAt: Date = Date()) {
        self.nodeName = nodeName
        self.cluster = cluster
        self.capacity = capacity
        self.startedAt = startedAt
        state = Mutex(State(ring: FlowRing(capacity: capacity)))
    }

    /// Appends events and wakes every waiting reader.
    public func publish(_ events: [RingEvent], now: Date = Date()) {
        guard !events.isEmpty else { return }
        // The namespaces a batch names are gathered before taking the lock, once per batch.
        var flows: UInt64 = 0
        var namespaces = Set<String>()
        // Per node, counted in runs: a batch mostly holds one node's flows, so a flow costs a
        // comparison, and a hash only where the node changes.
        var perNode: [String: UInt64] = [:]
        var run: (node: String, count: UInt64)? = nil
        for case .flow(let flow) in events {
            flows += 1
            let node = flow.nodeName
            if run?.node == node {
                run!.count += 1
            } else {
                if let run { perNode[run.node, default: 0] += run.count }
                run = (node, 1)
            }
            if let namespace = flow.sourceNamespaceIfSet, !namespace.isEmpty { namespaces.insert(namespace) }
            if let namespace = flow.destinationNamespaceIfSet, !namespace.isEmpty { namespaces.insert(namespace) }
        }
        if let run { perNode[run.node, default: 0] += run.count }
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            for event in events { state.ring.append(event) }
            state.seen += flows
            for (node, count) in perNode { state.seenPerNode[node, default: 0] &+= count }
            for namespace in namespaces {
                state.namespaces[NamespaceKey(cluster: cluster, namespace: namespace)] = now
            }
            let waiting = Array(state.waiters.values)
            state.waiters.removeAll(keepingCapacity: true)
            return waiting
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Ends every follower: the server is shutting down.
    public func close() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.closed = true
            let waiting = Array(state.waiters.values)
            state.waiters.removeAll()
            return waiting
        }
        for waiter in waiters { waiter.resume() }
    }

    public var isClosed: Bool { state.withLock { $0.closed } }

    /// Runs `body` with the ring as it is now (for start positions and status figures).
    public func withRing<R>(_ body: (borrowing FlowRing) -> R) -> R {
        state.withLock { body($0.ring) }
    }

    /// What a reader at `position` gets next.
    public enum Read: Sendable {
        /// Events from `position` on; the next read starts at `next`.
        case events([RingEvent], next: UInt64)
        /// The reader fell behind: `count` events were overwritten before it read them; it
        /// continues at `next`, the oldest entry still held.
        case lost(count: UInt64, next: UInt64)
        /// Nothing new.
        case caughtUp
    }

    public func read(from position: UInt64, max: Int) -> Read {
        state.withLock { state in
            let ring = state.ring
            if position < ring.oldest { return .lost(count: ring.oldest - position, next: ring.oldest) }
            guard position < ring.written else { return .caughtUp }
            let end = min(ring.written, position + UInt64(max))
            var events: [RingEvent] = []
            events.reserveCapacity(Int(end - position))
            for p in position..<end { events.append(ring[p]!) }
            return .events(events, next: end)
        }
    }

    /// The kept encodings (for mask `key`) of the entries at `positions`, `nil` where none.
    public func encodings(at positions: [UInt64], key: String) -> [ByteBuffer?] {
        state.withLock { state in positions.map { state.ring.encoding(at: $0, key: key) } }
    }

    /// The kept encodings (for mask `key`) of the flows from `position` on, as views of the bytes
    /// kept (`FlowRing.keptRuns`): nothing is copied under the lock. Returns where the next read
    /// starts, `nil` when `position` was overwritten already (the reader's `read` reports the loss).
    public func keptRuns(from position: UInt64, to end: UInt64, limit: Int, key: String) -> (runs: [ByteBuffer], next: UInt64)? {
        state.withLock { state in
            guard position >= state.ring.oldest else { return nil }
            return state.ring.keptRuns(from: position, to: end, limit: limit, key: key)
        }
    }

    /// Keeps encodings for later readers with the same mask.
    public func keep(_ arena: EncodingArena, parts: [EncodingArena.Part]) {
        guard !parts.isEmpty else { return }
        state.withLock { state in state.ring.keep(arena, parts: parts) }
    }

    /// Returns when an event at or after `position` exists, the hub closes, or the task is
    /// cancelled.
    public func waitForEvents(at position: UInt64) async {
        let id = state.withLock { state -> UInt64 in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { state -> Bool in
                    if state.closed || state.ring.written > position || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// Figures for ServerStatus.
    public struct Status: Sendable {
        public var numFlows: UInt64
        public var maxFlows: UInt64
        public var seenFlows: UInt64
        /// Flows seen since start by each node (`node_name`).
        public var seenFlowsPerNode: [String: UInt64]
        public var uptimeNanoseconds: UInt64
        public var flowsRate: Double
    }

    public func status(now: Date = Date()) -> Status {
        state.withLock { state in
            let ring = state.ring
            var flows: UInt64 = 0
            var recent = 0
            var oldestTime: Double? = nil
            let minuteAgo = now.timeIntervalSince1970 - 60
            var position = ring.written
            while position > ring.oldest {
                position -= 1
                guard case .flow(let flow) = ring[position]! else { continue }
                flows += 1
                guard let time = flow.timeIfSet else { continue }
                let seconds = Double(time.seconds) + Double(time.nanos) / 1e9
                if seconds >= minuteAgo {
                    recent += 1
                    oldestTime = seconds
                }
            }
            // When the ring no longer holds the whole minute, rate over the part it holds, however
            // short (4,095 flows at 20,000 flows/s span 0.2 s: a floor of a second showed 4,095/s).
            // An agent up for less than a minute rates over its uptime.
            var window = min(60, max(0.01, now.timeIntervalSince(startedAt)))
            if ring.written > UInt64(ring.capacity), let oldestTime, recent == Int(flows) {
                window = min(window, max(0.01, now.timeIntervalSince1970 - oldestTime))
            }
            return Status(
                numFlows: flows, maxFlows: UInt64(capacity), seenFlows: state.seen, seenFlowsPerNode: state.seenPerNode,
                uptimeNanoseconds: UInt64(max(0, now.timeIntervalSince(startedAt)) * 1e9),
                flowsRate: Double(recent) / window)
        }
    }

    /// Namespaces seen in the last hour, sorted by cluster then namespace.
    public func namespaces(now: Date = Date()) -> [(cluster: String, namespace: String)] {
        state.withLock { state in
            let cutoff = now.addingTimeInterval(-3600)
            state.namespaces = state.namespaces.filter { $0.value >= cutoff }
            return state.namespaces.keys.sorted { ($0.cluster, $0.namespace) < ($1.cluster, $1.namespace) }
                .map { ($0.cluster, $0.namespace) }
        }
    }
}
