import FlowModel
import GRPCCore
import HubbleAPI
import Synchronization

/// Reads GetFlows from several servers at once and hands their records out merged in time order.
///
/// Each server is read by a task of its own, which applies loupe's own check and count (so the
/// servers are filtered in parallel) and feeds a `FlowMerger`. While following, a server that fails
/// is retried with backoff and resumes where it stopped (`since` the last record it delivered, with
/// the records already delivered at that instant dropped); the others keep flowing meanwhile.
public struct FanIn: Sendable {
    /// One server: how to reach it.
    public struct Source: Sendable {
        public var name: String
        /// Opens a connection and runs `body` with it.
        public var connect: @Sendable (_ body: @escaping @Sendable (any ObserverCalls) async throws -> Void) async throws -> Void

        public init(name: String, connect: @escaping @Sendable (_ body: @escaping @Sendable (any ObserverCalls) async throws -> Void) async throws -> Void) {
            self.name = name
            self.connect = connect
        }
    }

    /// What happened to a source's connection, for the reader to report.
    public enum Event: Sendable {
        /// Streaming again after an outage (`afterOutage`), or for the first time.
        case connected(source: String, afterOutage: Bool)
        /// The connection failed or broke; it is retried after `retryIn` (nil: it is not).
        case unavailable(source: String, error: ServerError, retryIn: Duration?)
    }

    /// How a source ended.
    public enum Ending: Sendable, Equatable {
        /// Its stream ended as the request asked (or the server closed it cleanly).
        case completed
        /// It could never be reached.
        case unreachable(ServerError)
        /// It failed after it had been reached, or with an error retrying cannot fix.
        case failed(ServerError)
    }

    public struct Outcome: Sendable {
        public var endings: [Ending]
        /// Events the servers reported lost (`lost_events`), per source.
        public var lostEvents: [UInt64]
    }

    public var sources: [Source]
    public var request: Observer_GetFlowsRequest
    /// Loupe's own check and display mask; nil drops the record.
    public var prepare: @Sendable (FlowEnvelope) -> FlowEnvelope?
    /// How many prepared flows to keep per source.
    public var count: FlowSelection.Count
    public var merge: FlowMerger.Options
    public var retry: RetryPolicy

    public init(
        sources: [Source], request: Observer_GetFlowsRequest, count: FlowSelection.Count = .all,
        merge: FlowMerger.Options = FlowMerger.Options(), retry: RetryPolicy = RetryPolicy(),
        prepare: @escaping @Sendable (FlowEnvelope) -> FlowEnvelope? = { $0 }
    ) {
        self.sources = sources
        self.request = request
        self.count = count
        self.merge = merge
        self.retry = retry
        self.prepare = prepare
        if !request.follow { self.merge.drain = nil }
    }

    /// Streams until every source has ended (or, following, until cancelled). `deliver` gets the
    /// merged records in batches on the calling task (which runs on `ReaderExecutor`'s thread when
    /// there is one source); a failure it throws (a closed output) ends everything. `idle` is
    /// called when everything received is delivered and the merge must wait: the moment to flush
    /// output.
    public func run(
        deliver: ([FlowEnvelope]) throws -> Void,
        idle: () throws -> Void = {},
        report: @escaping @Sendable (Event) -> Void
    ) async throws -> Outcome {
        // Several servers are read in parallel on the global executor; one is read on a thread of
        // its own (`ReaderExecutor`).
        try await withTaskExecutorPreference(sources.count == 1 ? ReaderExecutor.shared : nil) {
            try await merge(deliver: deliver, idle: idle, report: report)
        }
    }

    private func merge(
        deliver: ([FlowEnvelope]) throws -> Void, idle: () throws -> Void, report: @escaping @Sendable (Event) -> Void
    ) async throws -> Outcome {
        let merger = FlowMerger(sources: sources.count, options: merge)
        let tally = Tally(count: sources.count)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                await withTaskGroup(of: (Int, Ending, abandonAll: Bool).self) { readers in
                    for index in sources.indices {
                        readers.addTask {
                            let (ending, abandonAll) = await SourceReader(fanIn: self, index: index, merger: merger, tally: tally, report: report).run()
                            return (index, ending, abandonAll)
                        }
                    }
                    for await (index, ending, abandonAll) in readers {
                        tally.end(index, ending)
                        // No source can be reached: the others stop retrying.
                        if abandonAll { readers.cancelAll() }
                    }
                }
                merger.close()
            }
            // Cancelling the caller stops the readers; what they queued is still handed out.
            do {
                while true {
                    let ready = merger.takeReady()
                    if !ready.isEmpty {
                        try deliver(ready)
                        continue
                    }
                    try idle()
                    guard let batch = await merger.next() else { break }
                    try deliver(batch)
                }
            } catch {
                merger.close()
                group.cancelAll()
                throw error
            }
            try await group.waitForAll()
            return tally.outcome
        }
    }
}

/// What the readers share: each source's ending, events lost, and whether any source was ever reached.
final class Tally: Sendable {
    struct State {
        var endings: [FanIn.Ending?]
        var lost: [UInt64]
        var firstAttempts: [Bool?]
    }

    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(endings: Array(repeating: nil, count: count), lost: Array(repeating: 0, count: count), firstAttempts: Array(repeating: nil, count: count)))
    }

    func end(_ index: Int, _ ending: FanIn.Ending) { state.withLock { $0.endings[index] = ending } }
    func lost(_ index: Int, _ count: UInt64) { state.withLock { $0.lost[index] &+= count } }

    /// Records how a source's first attempt went; true when every source has now failed its first
    /// attempt (nothing can be reached: retrying is pointless).
    func firstAttempt(_ index: Int, reached: Bool) -> Bool {
        state.withLock { state in
            if state.firstAttempts[index] == nil { state.firstAttempts[index] = reached }
            return state.firstAttempts.allSatisfy { $0 == false }
        }
    }

    var outcome: FanIn.Outcome {
        state.withLock { state in
            FanIn.Outcome(endings: state.endings.map { $0 ?? .completed }, lostEvents: state.lost)
        }
    }
}
