import GRPCCore

/// The life of one source of a `FanIn`: connecting, streaming, waiting to try again, ended.
///
/// The reader feeds it what happened to each attempt and does what it answers (report, wait, end);
/// it holds no connection and never sleeps, so every transition is tested synchronously.
///
/// ```
///  connecting ──first message──► streaming
///      │                             │
///      └──────── attempt ended ──────┴──► retriable while following? ──yes──► waiting(delay) ──► connecting
///                                                  │ no
///                                                  ▼
///                                                ended
/// ```
struct ReconnectStateMachine {
    enum State: Equatable {
        /// An attempt is under way; `failures` attempts in a row failed before it.
        case connecting(failures: Int)
        /// The attempt is receiving records.
        case streaming
        /// Waiting before the next attempt.
        case waiting(failures: Int)
        case ended
    }

    /// How an attempt ended.
    enum AttemptEnd {
        /// The stream ended as the request asked (or the server closed it cleanly).
        case completed
        /// The reader stopped it (Ctrl-C, a closed output, nothing reachable).
        case cancelled
        case failed(ServerError)
    }

    /// What the reader is to do after an attempt ended.
    enum Action: Equatable {
        /// Report the failure and try again after `delay`.
        case retry(after: Duration, report: ServerError)
        /// End with `ending`, after reporting the failure that ended it (if any, and it is to be told).
        case finish(FanIn.Ending, report: ServerError?)
        /// No source could ever be reached: end, and the other sources stop trying.
        case abandonAll(FanIn.Ending)
    }

    let follow: Bool
    let retry: RetryPolicy
    private(set) var state = State.connecting(failures: 0)
    /// Whether any attempt ever received a record.
    private(set) var everReached = false
    private var lastFailure: ServerError?

    init(follow: Bool, retry: RetryPolicy) {
        self.follow = follow
        self.retry = retry
    }

    /// Whether the attempt starting now comes after an outage (its success is then reported).
    var isAfterOutage: Bool {
        if case .connecting(let failures) = state { return failures > 0 }
        return false
    }

    /// The attempt received its first record.
    mutating func streamOpened() {
        state = .streaming
        everReached = true
    }

    /// The attempt ended. `nothingReachable` is asked only for a source never reached: it records
    /// this failed first attempt and tells whether every source has now failed its first one.
    mutating func attemptEnded(
        _ end: AttemptEnd, random: Double = Double.random(in: -1...1), nothingReachable: () -> Bool
    ) -> Action {
        let reached = state == .streaming
        let failuresBefore: Int
        switch state {
        case .connecting(let failures), .waiting(let failures): failuresBefore = failures
        case .streaming: failuresBefore = 0
        case .ended: return .finish(stoppedEnding, report: nil)
        }
        switch end {
        case .completed:
            state = .ended
            return .finish(.completed, report: nil)
        case .cancelled:
            state = .ended
            return .finish(stoppedEnding, report: nil)
        case .failed(var failure):
            failure.afterData = failure.afterData || reached
            lastFailure = failure
            if !everReached && nothingReachable() {
                state = .ended
                return .abandonAll(.unreachable(failure))
            }
            guard follow, Self.isRetriable(failure) else {
                state = .ended
                return .finish(everReached ? .failed(failure) : .unreachable(failure), report: failure)
            }
            let failures = reached ? 0 : failuresBefore
            state = .waiting(failures: failures + 1)
            return .retry(after: retry.delay(attempt: failures, random: random), report: failure)
        }
    }

    /// The wait before the next attempt is over.
    mutating func waitEnded() {
        if case .waiting(let failures) = state { state = .connecting(failures: failures) }
    }

    /// The reader stopped while waiting to try again.
    mutating func stopped() -> FanIn.Ending {
        state = .ended
        return stoppedEnding
    }

    /// A source stopped by the reader: one never reached stays unreachable (all of them were, or the
    /// reader gave up); one that was reached ended with the reader.
    private var stoppedEnding: FanIn.Ending {
        guard let lastFailure, !everReached else { return .completed }
        return .unreachable(lastFailure)
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
