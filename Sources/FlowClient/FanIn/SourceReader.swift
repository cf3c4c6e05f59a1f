import DequeModule
import FlowModel
import GRPCCore
import HubbleAPI
import Synchronization

/// Reads one source of a `FanIn` into the merger: connects, streams, and, while following, retries
/// with backoff and resumes after an outage, as its `ReconnectStateMachine` says.
struct SourceReader: Sendable {
    let fanIn: FanIn
    let index: Int
    let merger: FlowMerger
    let tally: Tally
    let report: @Sendable (FanIn.Event) -> Void

    var source: FanIn.Source { fanIn.sources[index] }

    /// What one attempt did, shared with the stream's handler: whether the server answered, where
    /// the stream stands, how many flows it delivered.
    private final class Attempt: Sendable {
        struct Progress {
            var reached = false
            var resume: ResumePoint
            var delivered: UInt64 = 0
            /// The reader stopped the stream itself: it had the flows it was asked for.
            var countReached = false
        }

        let progress: Mutex<Progress>
        init(resume: ResumePoint) { progress = Mutex(Progress(resume: resume)) }
    }

    /// Reads until the source ends; `abandonAll` when no source can be reached at all.
    func run() async -> (ending: FanIn.Ending, abandonAll: Bool) {
        var machine = ReconnectStateMachine(follow: fanIn.request.follow, retry: fanIn.retry)
        var resume = ResumePoint()
        while true {
            var request = fanIn.request
            if let since = resume.since {
                // Only what came after the last record delivered; duplicates at that instant are dropped.
                request.since = since
                request.number = 0
                request.first = false
                resume.startResuming()
            }
            let attempt = Attempt(resume: resume)
            let end = await stream(request, attempt: attempt, afterOutage: machine.isAfterOutage)
            let (reached, resumeAfter) = attempt.progress.withLock { ($0.reached, $0.resume) }
            resume = resumeAfter
            if reached { machine.streamOpened() }
            switch machine.attemptEnded(end, nothingReachable: { tally.firstAttempt(index, reached: false) }) {
            case .finish(let ending, let failure):
                if let failure { report(.unavailable(source: source.name, error: failure, retryIn: nil)) }
                return (ending, false)
            case .abandonAll(let ending):
                return (ending, true)
            case .retry(let delay, let failure):
                report(.unavailable(source: source.name, error: failure, retryIn: delay))
                do { try await Task.sleep(for: delay) } catch { return (machine.stopped(), false) }
                machine.waitEnded()
            }
        }
    }

    /// One attempt: the order waits for this source from the moment it is being reached, so that a
    /// server that answers later than the others still has its records put in their place.
    private func stream(_ request: Observer_GetFlowsRequest, attempt: Attempt, afterOutage: Bool) async -> ReconnectStateMachine.AttemptEnd {
        merger.setActive(index, true)
        defer { merger.setActive(index, false) }
        do {
            try await source.connect { calls in
                try await calls.flows(request) { messages in
                    // The server answered: the stream is open.
                    attempt.progress.withLock { $0.reached = true }
                    _ = tally.firstAttempt(index, reached: true)
                    report(.connected(source: source.name, afterOutage: afterOutage))
                    try await consume(messages, attempt: attempt)
                }
            }
            // A followed stream never ends by itself: a server that closes it cleanly is going away
            // (a Cilium agent stopped with SIGTERM in a rolling upgrade), an outage like any other.
            if Task.isCancelled { return .cancelled }
            if request.follow, !attempt.progress.withLock({ $0.countReached }) {
                var ended = ServerError(code: .unavailable, message: ServerError.streamEndedMessage, server: source.name)
                ended.afterData = true
                return .failed(ended)
            }
            return .completed
        } catch {
            // Stopped by the reader (Ctrl-C, a closed output): not a failure of the server.
            if error is CancellationError || Task.isCancelled { return .cancelled }
            return .failed((error as? ServerError) ?? ServerError(code: .unknown, message: "\(error)", server: source.name))
        }
    }

    /// Passes the stream through loupe's check and count into the merger.
    private func consume(_ batches: FlowBatches, attempt: Attempt) async throws {
        var kept = Deque<(FlowEnvelope, Int64)>()
        let resuming = attempt.progress.withLock { $0.resume.since != nil }
        let count = resuming ? .all : fanIn.count
        // Records go to the merger a batch at a time, in order.
        var pending: [(FlowEnvelope, Int64)] = []
        for try await batch in batches {
            for message in batch {
                guard case .flow? = message.responseTypes else {
                    if case .lostEvents(let lost)? = message.responseTypes { tally.lost(index, lost.numEventsLost) }
                    // A node status or lost-events record is stamped when it is sent, not in the
                    // history's time: it takes its place after this source's previous record, so a
                    // relay's "connected" at the start does not put its history after the others'.
                    pending.append((message, .min))
                    continue
                }
                // The time is read once, before a display mask may remove it.
                let key = message.sortKey
                guard attempt.progress.withLock({ $0.resume.admit(message, time: key) }) else { continue }
                guard let prepared = fanIn.prepare(message) else { continue }
                let delivered = attempt.progress.withLock { progress in
                    progress.delivered += 1
                    return progress.delivered
                }
                switch count {
                case .all: pending.append((prepared, key))
                case .first(let n):
                    pending.append((prepared, key))
                    if delivered >= n {
                        attempt.progress.withLock { $0.countReached = true }
                        await merger.push(contentsOf: pending, from: index)
                        return
                    }
                case .last(let n):
                    kept.append((prepared, key))
                    if UInt64(kept.count) > n { kept.removeFirst() }
                }
            }
            await merger.push(contentsOf: pending, from: index)
            pending.removeAll(keepingCapacity: true)
        }
        await merger.push(contentsOf: kept, from: index)
    }
}
