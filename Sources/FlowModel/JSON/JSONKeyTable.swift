#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hash table from the bytes of a JSON key (or enum name) to a small integer, built once per message
/// type. Lookups hash the key while it is scanned, so reading a field costs one probe and one compare.
public struct JSONKeyTable: Sendable {
    private let mask: Int
    /// Per slot: entry index + 1, or 0 when empty.
    private let slots: [Int32]
    private let hashes: [UInt64]
    private let names: [[UInt8]]
    private let payloads: [Int]

    /// - Parameter entries: names with the integer each one maps to; several names may share one.
    public init(_ entries: [(String, Int)]) {
        var capacity = 8
        while capacity < entries.count * 3 { capacity *= 2 }
        var slots = [Int32](repeating: 0, count: capacity)
        var hashes: [UInt64] = []
        var names: [[UInt8]] = []
        var payloads: [Int] = []
        for (i, (name, payload)) in entries.enumerated() {
            let bytes = Array(name.utf8)
            let hash = Self.hash(bytes)
            var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int32(i + 1)
            hashes.append(hash)
            names.append(bytes)
            payloads.append(payload)
        }
        self.mask = capacity - 1
        self.slots = slots
        self.hashes = hashes
        self.names = names
        self.payloads = payloads
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
            if hashes[entry - 1] == hash {
                let matches = names[entry - 1].withUnsafeBufferPointer { name in
                    name.count == count && (count == 0 || memcmp(name.baseAddress!, start, count) == 0)
                }
                if matches { return payloads[entry - 1] }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The integer for a key given as a string (slow path for keys written with escapes).
    func lookup(_ name: [UInt8]) -> Int? {
        let padded = name + [0]
        return padded.withUnsafeBufferPointer { buffer in
            lookup(hash: Self.hash(name), start: buffer.baseAddress!, count: name.count)
        }
    }
}
