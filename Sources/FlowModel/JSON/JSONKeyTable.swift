#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
import HubbleAPI
#endif

/// A hash table from the bytes of a JSON key (or enum name) to a small integer, built once per message
/// type. A key is looked up where it lies in the input: one probe, usually one cache line.
public struct JSONKeyTable: @unchecked Sendable {
    /// One slot of the open-addressing table. A key of up to 16 bytes is wholly described by its
    /// length and its first and last eight bytes, so matching it reads nothing but the slot.
    struct Slot {
        var head: UInt64 = 0
        var tail: UInt64 = 0
        /// -1 for an empty slot.
        var count: Int32 = -1
        var payload: Int32 = 0
        /// Where a longer key's bytes start in `nameBytes`.
        var nameStart: Int32 = 0
    }

    private let mask: Int
    private let slots: UnsafeMutablePointer<Slot>
    /// All names back to back, for keys longer than 16 bytes.
    private let nameBytes: UnsafeMutablePointer<UInt8>

    /// - Parameter entries: names with the integer each one maps to; several names may share one.
    ///
    /// Tables live as long as the process (they are built once per message type), so their storage
    /// is allocated once and never freed; lookups then cost no reference counting.
    public init(_ entries: [(String, Int)]) {
        var capacity = 8
        while capacity < entries.count * 3 { capacity *= 2 }
        let allBytes = entries.flatMap { Array($0.0.utf8) }
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: Slot(), count: capacity)
        nameBytes = .allocate(capacity: max(1, allBytes.count + 8))
        nameBytes.initialize(repeating: 0, count: allBytes.count + 8)
        mask = capacity - 1
        var offset = 0
        for (name, payload) in entries {
            let bytes = Array(name.utf8)
            for (k, b) in bytes.enumerated() { nameBytes[offset + k] = b }
            let (head, tail) = Self.words(nameBytes + offset, bytes.count)
            var slot = Int(truncatingIfNeeded: Self.hash(head, tail, bytes.count)) & mask
            while slots[slot].count >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(
                head: head, tail: tail, count: Int32(bytes.count), payload: Int32(payload), nameStart: Int32(offset))
            offset += bytes.count
        }
    }

    /// A key's first and last eight bytes (for a shorter key: its bytes, and zero).
    @inline(__always)
    static func words(_ start: UnsafePointer<UInt8>, _ count: Int) -> (head: UInt64, tail: UInt64) {
        if count >= 8 {
            let raw = UnsafeRawPointer(start)
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        }
        var head: UInt64 = 0
        for i in 0..<count { head = head << 8 | UInt64(start[i]) }
        return (head, 0)
    }

    @inline(__always)
    static func hash(_ head: UInt64, _ tail: UInt64, _ count: Int) -> UInt64 {
        var h = (head &* 0x9E37_79B9_7F4A_7C15) ^ (tail &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)
        h ^= h >> 29
        return h &* 0xBF58_476D_1CE4_E5B9
    }

    /// The integer for the key whose `count` bytes start at `start`, or `nil` when the table does not
    /// know it.
    @inline(__always)
    func lookup(start: UnsafePointer<UInt8>, count: Int) -> Int? {
        let (head, tail) = Self.words(start, count)
        var slot = Int(truncatingIfNeeded: Self.hash(head, tail, count)) & mask
        while true {
            let entry = slots[slot]
            if entry.count < 0 { return nil }
            if entry.head == head && entry.tail == tail && Int(entry.count) == count
                && (count <= 16 || memcmp(nameBytes + Int(entry.nameStart), start, count) == 0)
            {
                return Int(entry.payload)
            }
            slot = (slot + 1) & mask
        }
    }

    /// What tells this table from the others (the address of its storage).
    var identity: Int { Int(bitPattern: slots) }

    /// The integer for a key given as bytes (slow path for keys written with escapes).
    func lookup(_ name: [UInt8]) -> Int? {
        name.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return lookup(start: JSONKeyTable.empty, count: 0) }
            return lookup(start: base, count: name.count)
        }
    }

    /// A NUL byte in the program's constant data: what an empty input reads.
    private static var empty: UnsafePointer<UInt8> { ("" as StaticString).utf8Start }
}
