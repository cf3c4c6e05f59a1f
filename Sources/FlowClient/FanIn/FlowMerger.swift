import DequeModule
import FlowModel
import HubbleAPI
import SwiftProtobuf
import Synchronization

/// Merges the streams of several servers into one in time order.
///
/// Each server's stream is in time order; the merger holds a bounded queue per server and hands out
/// the oldest head once every server that is streaming has something queued, so the merge is exact
/// while all of them keep up. A server that goes quiet holds the others back for at most the drain
/// delay (while following), and a server whose queue is full waits for the reader: memory stays
/// bounded by `capacity` records per server whatever the speeds.
public final class FlowMerger: Sendable {
    public struct Options: Sendable {
        /// Records held per server before that server waits for the reader.
        public var capacity: Int
        /// How long the oldest record waits for a quiet server before it is handed out anyway;
        /// nil waits for every streaming server (exact order, for history).
        public var drain: Duration?

        public init(capacity: Int = 1024, drain: Duration? = .milliseconds(100)) {
            self.capacity = max(1, capacity)
            self.drain = drain
        }
    }

    private typealias Machine = MergeStateMachine<CheckedContinuation<Void, Never>>
    private let state: Mutex<Machine>
    public let options: Options

    public init(sources count: Int, options: Options = Options()) {
        state = Mutex(Machine(sources: count, capacity: options.capacity, drain: options.drain))
        self.options = options
    }

    /// Marks a source as streaming (the order waits for it) or not (it is reconnecting, or done).
    public func setActive(_ source: Int, _ active: Bool) {
        state.withLock { $0.setActive(source, active) }?.resume()
    }

    /// Queues a record of `source`; waits while that source's queue is full. `key` is the record's
    /// time when the caller has it already (or had it before a mask removed it); `.min` places it
    /// right after the source's previous record.
    public func push(_ envelope: FlowEnvelope, from source: Int, key known: Int64? = nil) async {
        await push(contentsOf: CollectionOfOne((envelope, known ?? envelope.sortKey)), from: source)
    }

    /// Queues `records` (each with its sort key, `.min` for one that takes its place after the
    /// source's previous record) in order, waiting as `push` does once they are queued.
    public func push(contentsOf records: some Collection<(FlowEnvelope, Int64)> & Sendable, from source: Int) async {
        guard !records.isEmpty else { return }
        let arrival = ContinuousClock.now
        let (reader, mustWait) = state.withLock { $0.push(contentsOf: records, from: source, arrival: arrival) }
        reader?.resume()
        guard mustWait else { return }
        await withCheckedContinuation { continuation in
            state.withLock { $0.block(source, continuation) }?.resume()
        }
    }

    /// Every source has ended: what is queued is handed out, then `next` returns nil.
    public func close() {
        for waiter in state.withLock({ $0.close() }) { waiter.resume() }
    }

    /// The records the order allows now, without waiting (empty when none).
    public func takeReady() -> [FlowEnvelope] {
        let now = ContinuousClock.now
        let (batch, release, _) = state.withLock { $0.take(now: now) }
        for producer in release { producer.resume() }
        return batch
    }

    /// The next records in time order (a batch), waiting as the order requires; nil once closed and
    /// empty. One reader only.
    public func next() async -> [FlowEnvelope]? {
        while true {
            let now = ContinuousClock.now
            let (batch, release, wait, seen) = state.withLock { machine in
                let (batch, release, wait) = machine.take(now: now)
                return (batch, release, wait, machine.generation)
            }
            for producer in release { producer.resume() }
            if !batch.isEmpty { return batch }
            switch wait {
            case .done: return nil
            case .forever: await waitForChange(since: seen, until: nil)
            case .until(let deadline): await waitForChange(since: seen, until: deadline)
            }
        }
    }

    /// Waits for a change after `seen`, or for `deadline`, which a child task of its own sleeps until.
    private func waitForChange(since seen: UInt64, until deadline: ContinuousClock.Instant?) async {
        await withTaskGroup(of: Void.self) { group in
            if let deadline {
                group.addTask {
                    guard (try? await Task.sleep(until: deadline, clock: .continuous)) != nil else { return }
                    self.state.withLock { $0.deadlinePassed(now: .now) }?.resume()
                }
            }
            await withCheckedContinuation { continuation in
                state.withLock { $0.wait(continuation, seen: seen, until: deadline, now: .now) }?.resume()
            }
            group.cancelAll()
        }
    }
}

extension FlowEnvelope {
    /// Nanoseconds since the epoch of the record (the flow's time, else the envelope's), or `.min`
    /// when it carries none.
    public var sortKey: Int64 {
        if case .flow(let flow)? = responseTypes, flow.hasTime {
            return flow.time.seconds &* 1_000_000_000 &+ Int64(flow.time.nanos)
        }
        if hasTime { return time.seconds &* 1_000_000_000 &+ Int64(time.nanos) }
        return .min
    }
}
