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
    public enum Ending: Sendable {
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
    /// merged records in batches; a failure it throws (a closed output) ends everything.
    public func run(
        deliver: @escaping @Sendable ([FlowEnvelope]) throws -> Void,
        report: @escaping @Sendable (Event) -> Void
    ) async throws -> Outcome {
        let merger = FlowMerger(sources: sources.count, options: merge)
        let tally = Tally(count: sources.count)
        let readers = Task {
            await withTaskGroup(of: Void.self) { group in
                for index in sources.indices {
                    group.addTask {
                        let ending = await SourceReader(fanIn: self, index: index, merger: merger, tally: tally, report: report).run()
                        tally.end(index, ending)
                    }
                }
            }
            merger.close()
        }
        tally.setReaders(readers)
        // Cancelling the caller stops the readers; what they queued is still handed out.
        try await withTaskCancellationHandler {
            do {
                while let batch = await merger.next() {
                    try deliver(batch)
                }
            } catch {
                merger.close()
                readers.cancel()
                await readers.value
                throw error
            }
            await readers.value
        } onCancel: {
            readers.cancel()
        }
        return tally.outcome
    }
}

/// What the readers share: each source's ending, events lost, and whether any source was ever reached.
final class Tally: Sendable {
    struct State {
        var endings: [FanIn.Ending?]
        var lost: [UInt64]
        var firstAttempts: [Bool?]
        var readers: Task<Void, Never>?
        var abandoned = false
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

    func setReaders(_ task: Task<Void, Never>) {
        let cancel = state.withLock { state in
            state.readers = task
            return state.abandoned
        }
        if cancel { task.cancel() }
    }

    /// No source can be reached: the others stop retrying.
    func abandonAll() {
        let task = state.withLock { state in
            state.abandoned = true
            return state.readers
        }
        task?.cancel()
    }

    var outcome: FanIn.Outcome {
        state.withLock { state in
            FanIn.Outcome(endings: state.endings.map { $0 ?? .completed }, lostEvents: state.lost)
        }
    }
}
