import DequeModule
import FlowModel
import GRPCCore
import HubbleAPI

/// Reads one source of a `FanIn` into the merger: connects, streams, and, while following, retries
/// with backoff and resumes after an outage.
struct SourceReader: Sendable {
    let fanIn: FanIn
    let index: Int
    let merger: FlowMerger
    let tally: Tally
    let report: @Sendable (FanIn.Event) -> Void

    var source: FanIn.Source { fanIn.sources[index] }
    var follow: Bool { fanIn.request.follow }

    /// What one attempt did.
    private final class Attempt: @unchecked Sendable {
        var reached = false
        var resume: ResumePoint
        var delivered: UInt64 = 0
        init(resume: ResumePoint) { self.resume = resume }
    }

    func run() async -> FanIn.Ending {
        var resume = ResumePoint()
        var everReached = false
        var failures = 0
        var lastFailure: ServerError?
        while !Task.isCancelled {
            let attempt = Attempt(resume: resume)
            let afterOutage = failures > 0
            var request = fanIn.request
            if let since = resume.since {
                // Only what came after the last record delivered; duplicates at that instant are dropped.
                request.since = since
                request.number = 0
                request.first = false
                attempt.resume.startResuming()
            }
            let call = request
            // The order waits for this source from the moment it is being reached: a server that
            // answers later than the others still has its records put in their place.
            merger.setActive(index, true)
            do {
                try await source.connect { calls in
                    try await calls.flows(call) { messages in
                        attempt.reached = true
                        report(.connected(source: source.name, afterOutage: afterOutage))
                        try await consume(messages, attempt: attempt)
                    }
                }
                merger.setActive(index, false)
                return .completed
            } catch {
                merger.setActive(index, false)
                resume = attempt.resume
                if attempt.reached {
                    everReached = true
                    failures = 0
                }
                // Stopped by the reader (Ctrl-C, a closed output): not a failure of the server.
                if error is CancellationError || Task.isCancelled { return stopped(everReached: everReached, lastFailure) }
                var failure = (error as? ServerError) ?? ServerError(code: .unknown, message: "\(error)", server: source.name)
                failure.afterData = failure.afterData || attempt.reached
                lastFailure = failure
                if !everReached && tally.firstAttempt(index, reached: false) {
                    tally.abandonAll()
                    return .unreachable(failure)
                }
                if attempt.reached { _ = tally.firstAttempt(index, reached: true) }
                guard follow, Self.isRetriable(failure) else {
                    report(.unavailable(source: source.name, error: failure, retryIn: nil))
                    return everReached ? .failed(failure) : .unreachable(failure)
                }
                let delay = fanIn.retry.delay(attempt: failures)
                failures += 1
                report(.unavailable(source: source.name, error: failure, retryIn: delay))
                do { try await Task.sleep(for: delay) } catch { return stopped(everReached: everReached, lastFailure) }
            }
        }
        return stopped(everReached: everReached, lastFailure)
    }

    /// The ending of a source stopped while retrying: a server never reached stays unreachable (all
    /// of them were, or the reader gave up); one that was reached ended with the reader.
    private func stopped(everReached: Bool, _ failure: ServerError?) -> FanIn.Ending {
        guard let failure, !everReached else { return .completed }
        return .unreachable(failure)
    }

    /// Passes the stream through loupe's check and count into the merger.
    private func consume(_ messages: RPCAsyncSequence<FlowEnvelope, any Error>, attempt: Attempt) async throws {
        var kept = Deque<(FlowEnvelope, Int64)>()
        let count = attempt.resume.since == nil ? fanIn.count : .all
        for try await message in messages {
            guard case .flow? = message.responseTypes else {
                if case .lostEvents(let lost)? = message.responseTypes { tally.lost(index, lost.numEventsLost) }
                await merger.push(message, from: index)
                continue
            }
            // The time is read once, before a display mask may remove it.
            let key = message.sortKey
            guard attempt.resume.admit(message, time: key) else { continue }
            guard let prepared = fanIn.prepare(message) else { continue }
            attempt.delivered += 1
            switch count {
            case .all: await merger.push(prepared, from: index, key: key)
            case .first(let n):
                await merger.push(prepared, from: index, key: key)
                if attempt.delivered >= n { return }
            case .last(let n):
                kept.append((prepared, key))
                if UInt64(kept.count) > n { kept.removeFirst() }
            }
        }
        for (envelope, key) in kept { await merger.push(envelope, from: index, key: key) }
    }

    /// Failures a new connection may cure: the server went away, or the stream broke.
    static func isRetriable(_ error: ServerError) -> Bool {
        switch error.code {
        case .unavailable, .deadlineExceeded, .internalError, .aborted, .resourceExhausted, .cancelled: true
        case .unknown: error.afterData
        default: false
        }
    }
}
