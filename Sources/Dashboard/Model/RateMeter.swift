import Foundation

/// Flows per second over the last minute, one bucket per second: the header's rate and sparkline.
public struct RateMeter: Sendable, Hashable {
    public static let seconds = 60
    private var buckets = [UInt64](repeating: 0, count: RateMeter.seconds)
    /// The second (since 1970) the last bucket stands for.
    private var current: Int = 0

    public init() {}

    public mutating func record(_ count: Int, at date: Date) {
        advance(to: date)
        buckets[buckets.count - 1] += UInt64(count)
    }

    public mutating func advance(to date: Date) {
        let second = Int(date.timeIntervalSince1970)
        guard second > current else { return }
        let shift = min(buckets.count, second - current)
        if current == 0 {
            current = second
            return
        }
        buckets.removeFirst(shift)
        buckets.append(contentsOf: repeatElement(0, count: shift))
        current = second
    }

    /// The last complete second's count (the current second is still filling).
    public var perSecond: UInt64 { buckets[buckets.count - 2] }

    /// Oldest first, the current second last.
    public var history: [UInt64] { buckets }
}
