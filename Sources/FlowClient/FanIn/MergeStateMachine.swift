import DequeModule
import FlowModel
import HubbleAPI

/// The state of a `FlowMerger`: a bounded queue per source, the sources' producers that wait for
/// room, and the one reader that waits for the order to allow a record.
///
/// Every change is a method that returns what the caller must do once it has left the lock (resume
/// a waiter); nothing here suspends or resumes anything itself, so the transitions are tested with
/// plain values for `Waiter`.
struct MergeStateMachine<Waiter> {
    struct Entry {
        var key: Int64
        var envelope: FlowEnvelope
        var arrival: ContinuousClock.Instant
    }

    /// A source's producer.
    enum Producer {
        case running
        /// Its queue is full: it waits until the reader has taken half of it.
        case blocked(Waiter)
    }

    /// The reader.
    enum Reader {
        case running
        /// Nothing may be handed out yet: it waits for a push, a source going quiet, the close or
        /// (`until` set) the drain delay of the oldest record.
        case waiting(Waiter, until: ContinuousClock.Instant?)
    }

    struct Source {
        var queue = Deque<Entry>()
        /// Streaming: the order waits for this source's next record.
        var active = false
        /// The time of the last record queued, for records that carry none.
        var lastKey: Int64 = .min
        var producer = Producer.running
    }

    /// What the reader is to do after `take`.
    enum Wait: Equatable {
        /// Everything is handed out and every source has ended.
        case done
        /// Until something changes.
        case forever
        /// Until something changes, or this instant (the drain delay of the oldest record).
        case until(ContinuousClock.Instant)
    }

    private(set) var sources: [Source]
    private(set) var reader = Reader.running
    private(set) var closed = false
    /// Counts every change the reader may be waiting for (a push, a source going quiet, the close),
    /// so that one that came between an empty `take` and `wait` is not missed.
    private(set) var generation: UInt64 = 0
    let capacity: Int
    let drain: Duration?
    /// Records handed out in one batch at most.
    static var batchLimit: Int { 512 }
    /// Reading history (no drain delay), a push wakes a waiting reader only once its queue holds
    /// this many records (or the source ends): the reader then takes a batch instead of one record
    /// per wake-up. Following, every push wakes it at once.
    static var historyWakeThreshold: Int { 64 }

    init(sources count: Int, capacity: Int, drain: Duration?) {
        sources = Array(repeating: Source(), count: count)
        self.capacity = max(1, capacity)
        self.drain = drain
    }

    /// A source starts or stops streaming; a source that stops no longer holds the order back.
    mutating func setActive(_ source: Int, _ active: Bool) -> Waiter? {
        sources[source].active = active
        generation &+= 1
        return active ? nil : wakeReader()
    }

    /// Queues a record; `mustWait` when the source's queue is now full (the producer then calls
    /// `block`). `key` is the record's time, or `.min` when it has none.
    mutating func push(_ envelope: FlowEnvelope, from source: Int, key: Int64, arrival: ContinuousClock.Instant) -> (reader: Waiter?, mustWait: Bool) {
        push(contentsOf: CollectionOfOne((envelope, key)), from: source, arrival: arrival)
    }

    /// Queues records in order, as `push` does one.
    mutating func push(
        contentsOf records: some Collection<(FlowEnvelope, Int64)>, from source: Int, arrival: ContinuousClock.Instant
    ) -> (reader: Waiter?, mustWait: Bool) {
        for (envelope, key) in records {
            let key = key == .min ? sources[source].lastKey : key
            sources[source].lastKey = key
            sources[source].queue.append(Entry(key: key, envelope: envelope, arrival: arrival))
        }
        generation &+= 1
        let count = sources[source].queue.count
        let wake = drain != nil || count >= min(Self.historyWakeThreshold, capacity) || !sources[source].active
        return (wake ? wakeReader() : nil, count >= capacity && !closed)
    }

    /// The producer of a full queue waits; the waiter comes back at once when there is room already
    /// (the reader took records meanwhile) or the merger is closed.
    mutating func block(_ source: Int, _ waiter: Waiter) -> Waiter? {
        if sources[source].queue.count < capacity || closed { return waiter }
        sources[source].producer = .blocked(waiter)
        return nil
    }

    /// Every source has ended: what is queued is handed out, then the reader is done.
    mutating func close() -> [Waiter] {
        closed = true
        generation &+= 1
        var waiters = sources.indices.compactMap { unblock($0) }
        if let reader = wakeReader() { waiters.append(reader) }
        return waiters
    }

    /// Takes every record the order allows at `now` (at most `batchLimit`), the producers that now
    /// have room, and what the reader is to do when the batch is empty.
    mutating func take(now: ContinuousClock.Instant) -> (batch: [FlowEnvelope], release: [Waiter], wait: Wait) {
        var batch: [FlowEnvelope] = []
        var release: [Waiter] = []
        var wait = Wait.forever
        while batch.count < Self.batchLimit {
            var oldest = -1
            var waitingForQuiet = false
            // Heads are read in place (`queue[0]`): `first` would copy each record, envelope and all.
            var oldestKey = Int64.max
            for index in sources.indices {
                if !sources[index].queue.isEmpty {
                    let key = sources[index].queue[0].key
                    if oldest < 0 || key < oldestKey { (oldest, oldestKey) = (index, key) }
                } else if sources[index].active && !closed {
                    waitingForQuiet = true
                }
            }
            guard oldest >= 0 else {
                wait = closed ? .done : .forever
                break
            }
            if waitingForQuiet {
                // Exact order (history) waits for every streaming source; following, the oldest
                // record waits for a quiet one at most the drain delay.
                guard let drain else { wait = .forever; break }
                let deadline = sources[oldest].queue[0].arrival + drain
                if deadline > now {
                    wait = .until(deadline)
                    break
                }
            }
            batch.append(sources[oldest].queue.removeFirst().envelope)
            if sources[oldest].queue.count < capacity / 2 + 1, let producer = unblock(oldest) { release.append(producer) }
        }
        return (batch, release, wait)
    }

    /// The reader waits after an empty `take` (which saw `generation` `seen`); the waiter comes back
    /// at once when the state changed since, or its deadline has passed. Anything that changes the
    /// state afterwards wakes it.
    mutating func wait(_ waiter: Waiter, seen: UInt64, until deadline: ContinuousClock.Instant?, now: ContinuousClock.Instant) -> Waiter? {
        if generation != seen { return waiter }
        if let deadline, now >= deadline { return waiter }
        reader = .waiting(waiter, until: deadline)
        return nil
    }

    /// The drain delay passed: a reader waiting for it is woken.
    mutating func deadlinePassed(now: ContinuousClock.Instant) -> Waiter? {
        guard case .waiting(_, let until?) = reader, now >= until else { return nil }
        return wakeReader()
    }

    private mutating func wakeReader() -> Waiter? {
        guard case .waiting(let waiter, _) = reader else { return nil }
        reader = .running
        return waiter
    }

    private mutating func unblock(_ source: Int) -> Waiter? {
        guard case .blocked(let waiter) = sources[source].producer else { return nil }
        sources[source].producer = .running
        return waiter
    }
}
