import FlowModel
import HubbleAPI
import SwiftProtobuf

/// One entry of an agent's ring: a flow, or a marker that events were lost.
public enum RingEvent: Sendable {
    case flow(Flow)
    case lost(Flow_LostEvent, time: Google_Protobuf_Timestamp)
}

/// The agent's fixed-capacity buffer of recent events, oldest overwritten first. Entries are
/// addressed by their absolute position in the stream (0 for the first event ever written), so a
/// reader can tell when the entries it has not read yet were overwritten.
public struct FlowRing: Sendable {
    public let capacity: Int
    private var slots: [RingEvent?]
    /// How many events were ever written.
    public private(set) var written: UInt64 = 0

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        slots = Array(repeating: nil, count: self.capacity)
    }

    public mutating func append(_ event: RingEvent) {
        slots[Int(written % UInt64(capacity))] = event
        written += 1
    }

    /// The absolute position of the oldest entry still held.
    public var oldest: UInt64 { written > UInt64(capacity) ? written - UInt64(capacity) : 0 }

    /// The entries held (at most `capacity`).
    public var count: Int { Int(written - oldest) }

    public var isEmpty: Bool { written == 0 }

    /// The entry at an absolute position, `nil` when it is not written yet or already overwritten.
    public subscript(position: UInt64) -> RingEvent? {
        guard position >= oldest, position < written else { return nil }
        return slots[Int(position % UInt64(capacity))]
    }
}
