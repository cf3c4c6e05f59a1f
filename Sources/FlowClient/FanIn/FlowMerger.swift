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

    struct Entry {
        var key: Int64
        var envelope: FlowEnvelope
        var arrival: ContinuousClock.Instant
    }

    struct Source {
        var queue = Deque<Entry>()
        /// Streaming: the order waits for this source's next record.
        var active = false
        /// The time of the last record queued, for records that carry none.
        var lastKey: Int64 = .min
        var blocked: CheckedContinuation<Void, Never>?
    }

    struct State {
        var sources: [Source]
        var reader: CheckedContinuation<Void, Never>?
        var closed = false
        /// Counts every change the reader may be waiting for (a push, a source going quiet, the close).
        var generation: UInt64 = 0
    }

    private let state: Mutex<State>
    public let options: Options

    public init(sources count: Int, options: Options = Options()) {
        state = Mutex(State(sources: Array(repeating: Source(), count: count)))
        self.options = options
    }

    /// Marks a source as streaming (the order waits for it) or not (it is reconnecting, or done).
    public func setActive(_ source: Int, _ active: Bool) {
        let reader = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.sources[source].active = active
            state.generation &+= 1
            return active ? nil : state.takeReader()
        }
        reader?.resume()
    }

    /// Queues a record of `source`; waits while that source's queue is full. `key` is the record's
    /// time when the caller has it already (or had it before a mask removed it).
    public func push(_ envelope: FlowEnvelope, from source: Int, key known: Int64? = nil) async {
        let arrival = ContinuousClock.now
        let mustWait = state.withLock { state -> (Bool, CheckedContinuation<Void, Never>?) in
            var key = known ?? envelope.sortKey
            if key == .min { key = state.sources[source].lastKey }
            state.sources[source].lastKey = key
            state.sources[source].queue.append(Entry(key: key, envelope: envelope, arrival: arrival))
            state.generation &+= 1
            return (state.sources[source].queue.count >= options.capacity && !state.closed, state.takeReader())
        }
        mustWait.1?.resume()
        guard mustWait.0 else { return }
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state -> Bool in
                if state.sources[source].queue.count < options.capacity || state.closed { return true }
                state.sources[source].blocked = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Every source has ended: what is queued is handed out, then `next` returns nil.
    public func close() {
        let (reader, blocked) = state.withLock { state in
            state.closed = true
            state.generation &+= 1
            return (state.takeReader(), state.sources.indices.compactMap { state.sources[$0].takeBlocked() })
        }
        reader?.resume()
        for continuation in blocked { continuation.resume() }
    }

    /// The next records in time order (a batch), waiting as the order requires; nil once closed and
    /// empty. One reader only.
    public func next() async -> [FlowEnvelope]? {
        while true {
            let now = ContinuousClock.now
            let (batch, release, wait, seen) = state.withLock { state in
                let (batch, release, wait) = state.take(now: now, options: options)
                return (batch, release, wait, state.generation)
            }
            for continuation in release { continuation.resume() }
            if !batch.isEmpty { return batch }
            switch wait {
            case .done: return nil
            case .forever: await waitForChange(since: seen, until: nil)
            case .until(let deadline): await waitForChange(since: seen, until: deadline)
            }
        }
    }

    private func waitForChange(since seen: UInt64, until deadline: ContinuousClock.Instant?) async {
        let timer = deadline.map { deadline in
            Task { [weak self] in
                try? await Task.sleep(until: deadline, clock: .continuous)
                let reader = self?.state.withLock { $0.takeReader() }
                reader?.resume()
            }
        }
        defer { timer?.cancel() }
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state -> Bool in
                // Something may have changed since the batch was taken.
                if state.generation != seen { return true }
                if let deadline, ContinuousClock.now >= deadline { return true }
                state.reader = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }
}

enum MergeWait {
    case done
    case forever
    case until(ContinuousClock.Instant)
}

extension FlowMerger.State {
    mutating func takeReader() -> CheckedContinuation<Void, Never>? {
        defer { reader = nil }
        return reader
    }

    /// Takes every record the order allows now.
    mutating func take(now: ContinuousClock.Instant, options: FlowMerger.Options) -> ([FlowEnvelope], [CheckedContinuation<Void, Never>], MergeWait) {
        var batch: [FlowEnvelope] = []
        var release: [CheckedContinuation<Void, Never>] = []
        var wait = MergeWait.forever
        while batch.count < 512 {
            var oldest = -1
            var waitingForQuiet = false
            for index in sources.indices {
                if let head = sources[index].queue.first {
                    if oldest < 0 || head.key < sources[oldest].queue.first!.key { oldest = index }
                } else if sources[index].active && !closed {
                    waitingForQuiet = true
                }
            }
            guard oldest >= 0 else {
                wait = closed ? .done : .forever
                break
            }
            if waitingForQuiet {
                guard let drain = options.drain else { wait = .forever; break }
                let deadline = sources[oldest].queue.first!.arrival + drain
                if deadline > now {
                    wait = .until(deadline)
                    break
                }
            }
            batch.append(sources[oldest].queue.removeFirst().envelope)
            if sources[oldest].queue.count < options.capacity / 2 + 1, let blocked = sources[oldest].takeBlocked() {
                release.append(blocked)
            }
        }
        return (batch, release, wait)
    }
}

extension FlowMerger.Source {
    mutating func takeBlocked() -> CheckedContinuation<Void, Never>? {
        defer { blocked = nil }
        return blocked
    }
}

extension FlowEnvelope {
    /// Nanoseconds since the epoch of the record (the flow's time, else the envelope's), or `.min`
    /// when it carries none.
    var sortKey: Int64 {
        if case .flow(let flow)? = responseTypes, flow.hasTime {
            return flow.time.seconds &* 1_000_000_000 &+ Int64(flow.time.nanos)
        }
        if hasTime { return time.seconds &* 1_000_000_000 &+ Int64(time.nanos) }
        return .min
    }
}
