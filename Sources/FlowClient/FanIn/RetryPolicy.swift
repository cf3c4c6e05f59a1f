/// When to try a failed server again: exponential backoff with jitter, so that many clients of a
/// restarted server do not all come back at the same instant.
public struct RetryPolicy: Sendable, Equatable {
    public var initial: Duration
    public var maximum: Duration
    /// The delay varies by up to this fraction either way.
    public var jitter: Double

    public init(initial: Duration = .milliseconds(250), maximum: Duration = .seconds(1), jitter: Double = 0.2) {
        self.initial = initial
        self.maximum = max(initial, maximum)
        self.jitter = min(max(jitter, 0), 1)
    }

    /// The delay before attempt `attempt + 1` (0 after the first failure).
    public func delay(attempt: Int, random: Double = Double.random(in: -1...1)) -> Duration {
        let base = min(Double(nanoseconds(initial)) * Double(1 << min(attempt, 20)), Double(nanoseconds(maximum)))
        let varied = base * (1 + jitter * min(max(random, -1), 1))
        return .nanoseconds(Int64(varied))
    }

    private func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
