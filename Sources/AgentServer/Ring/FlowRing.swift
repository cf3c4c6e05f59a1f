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
    /// Each slot's flow as one GetFlows response was last encoded, with the key of its field mask:
    /// readers with the same mask send these bytes instead of encoding the flow again.
    private var encodings: [(key: String, bytes: [UInt8])?]
    /// How many events were ever written.
    public private(set) var written: UInt64 = 0

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        slots = Array(repeating: nil, count: self.capacity)
        encodings = Array(repeating: nil, count: self.capacity)
    }

    public mutating func append(_ event: RingEvent) {
        let slot = Int(written % UInt64(capacity))
        slots[slot] = event
        encodings[slot] = nil
        written += 1
    }

    /// The response bytes encoded for the entry at `position` with the mask `key`, if any.
    public func encoding(at position: UInt64, key: String) -> [UInt8]? {
        guard position >= oldest, position < written, let cached = encodings[Int(position % UInt64(capacity))], cached.key == key else {
            return nil
        }
        return cached.bytes
    }

    /// Keeps the bytes encoded for the entry at `position` (ignored when it was overwritten since).
    public mutating func setEncoding(_ bytes: [UInt8], at position: UInt64, key: String) {
        guard position >= oldest, position < written else { return }
        encodings[Int(position % UInt64(capacity))] = (key, bytes)
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
