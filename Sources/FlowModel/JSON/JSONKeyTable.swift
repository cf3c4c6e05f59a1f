#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hash table from the bytes of a JSON key (or enum name) to a small integer, built once per message
/// type. Lookups hash the key while it is scanned, so reading a field costs one probe and one compare.
public struct JSONKeyTable: @unchecked Sendable {
    private let mask: Int
    /// Per slot: entry index + 1, or 0 when empty.
    private let slots: UnsafeMutablePointer<Int32>
    private let hashes: UnsafeMutablePointer<UInt64>
    /// All names back to back; entry i spans `nameStarts[i]..<nameStarts[i + 1]`.
    private let nameBytes: UnsafeMutablePointer<UInt8>
    private let nameStarts: UnsafeMutablePointer<Int>
    private let payloads: UnsafeMutablePointer<Int>

    /// - Parameter entries: names with the integer each one maps to; several names may share one.
    ///
    /// Tables live as long as the process (they are built once per message type), so their storage
    /// is allocated once and never freed; lookups then cost no reference counting.
    public init(_ entries: [(String, Int)]) {
        var capacity = 8
        while capacity < entries.count * 3 { capacity *= 2 }
        let allBytes = entries.flatMap { Array($0.0.utf8) }
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        hashes = .allocate(capacity: max(1, entries.count))
        nameBytes = .allocate(capacity: max(1, allBytes.count + 8))
        nameBytes.initialize(repeating: 0, count: allBytes.count + 8)
        nameStarts = .allocate(capacity: entries.count + 1)
        payloads = .allocate(capacity: max(1, entries.count))
        var offset = 0
        for (i, (name, payload)) in entries.enumerated() {
            let bytes = Array(name.utf8)
            for (k, b) in bytes.enumerated() { nameBytes[offset + k] = b }
            nameStarts[i] = offset
            let hash = Self.hash(nameBytes + offset, bytes.count)
            offset += bytes.count
            var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int32(i + 1)
            hashes[i] = hash
            payloads[i] = payload
        }
        nameStarts[entries.count] = offset
        mask = capacity - 1
    }

    /// A hash of a key's bytes: its length and its first and last eight bytes, mixed. Cheap because
    /// it reads two words instead of every byte; keys in one table rarely share both ends.
    @inline(__always)
    static func hash(_ start: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var head: UInt64 = 0
        var tail: UInt64 = 0
        let raw = UnsafeRawPointer(start)
        if count >= 8 {
            head = raw.loadUnaligned(as: UInt64.self)
            tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else {
            for i in 0..<count { head = head << 8 | UInt64(start[i]) }
        }
        var h = (head &* 0x9E37_79B9_7F4A_7C15) ^ (tail &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)
        h ^= h >> 29
        return h &* 0xBF58_476D_1CE4_E5B9
    }

    static func hash(_ bytes: [UInt8]) -> UInt64 {
        let padded = bytes + [0]
        return padded.withUnsafeBufferPointer { hash($0.baseAddress!, bytes.count) }
    }

    /// The integer for the key whose bytes start at `start`, or `nil` when the table does not know it.
    @inline(__always)
    func lookup(hash: UInt64, start: UnsafePointer<UInt8>, count: Int) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            let i = entry - 1
            if hashes[i] == hash {
                let from = nameStarts[i]
                if nameStarts[i + 1] - from == count && Self.equal(nameBytes + from, start, count) {
                    return payloads[i]
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Compares short keys with two word loads instead of a call to `memcmp`.
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let ra = UnsafeRawPointer(a)
        let rb = UnsafeRawPointer(b)
        if count >= 8 && count <= 16 {
            return ra.loadUnaligned(as: UInt64.self) == rb.loadUnaligned(as: UInt64.self)
                && ra.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                    == rb.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        if count < 8 {
            for i in 0..<count where a[i] != b[i] { return false }
            return true
        }
        return memcmp(a, b, count) == 0
    }

    /// What tells this table from the others (the address of its storage).
    var identity: Int { Int(bitPattern: slots) }

    /// The integer for a key given as a string (slow path for keys written with escapes).
    func lookup(_ name: [UInt8]) -> Int? {
        let padded = name + [0]
        return padded.withUnsafeBufferPointer { buffer in
            lookup(hash: Self.hash(name), start: buffer.baseAddress!, count: name.count)
        }
    }
}
