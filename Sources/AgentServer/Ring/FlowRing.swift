import FlowModel
import HubbleAPI
import NIOCore
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
    /// Each slot's flow as one GetFlows response was last encoded, as a part of the arena it was
    /// encoded in: readers with the same mask send these bytes instead of encoding the flow again.
    private var encodings: [KeptEncoding?]
    /// How many events were ever written.
    public private(set) var written: UInt64 = 0

    struct KeptEncoding: Sendable {
        let arena: EncodingArena
        let offset: Int
        let length: Int
    }

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

    private func kept(at position: UInt64, key: String) -> KeptEncoding? {
        guard position >= oldest, position < written, let kept = encodings[Int(position % UInt64(capacity))], kept.arena.key == key
        else { return nil }
        return kept
    }

    /// The message (gRPC prefix included) encoded for the entry at `position` with the mask `key`,
    /// if any.
    public func encoding(at position: UInt64, key: String) -> ByteBuffer? {
        kept(at: position, key: key).map { $0.arena.slice(offset: $0.offset, length: $0.length) }
    }

    /// Keeps the parts of `arena` for their entries (those overwritten since are skipped).
    public mutating func keep(_ arena: EncodingArena, parts: [EncodingArena.Part]) {
        for part in parts where part.position >= oldest && part.position < written {
            encodings[Int(part.position % UInt64(capacity))] = KeptEncoding(arena: arena, offset: part.offset, length: part.length)
        }
    }

    /// The kept encodings for `key` of the entries from `position` on, as views of their arenas:
    /// one slice per run of entries encoded together. Up to `end` (exclusive) and at most `limit`
    /// entries, stopping at the first entry without one (a lost event, a flow not encoded with this
    /// mask yet). Returns the slices and where they stop.
    public func keptRuns(from position: UInt64, to end: UInt64, limit: Int, key: String) -> (runs: [ByteBuffer], next: UInt64) {
        var position = max(position, oldest)
        let end = min(end, written, position + UInt64(max(0, limit)))
        var runs: [ByteBuffer] = []
        var run: KeptEncoding? = nil
        while position < end, let kept = kept(at: position, key: key) {
            if let current = run, current.arena === kept.arena, current.offset + current.length == kept.offset {
                run = KeptEncoding(arena: current.arena, offset: current.offset, length: current.length + kept.length)
            } else {
                if let current = run { runs.append(current.arena.slice(offset: current.offset, length: current.length)) }
                run = kept
            }
            position += 1
        }
        if let current = run { runs.append(current.arena.slice(offset: current.offset, length: current.length)) }
        return (runs, position)
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
