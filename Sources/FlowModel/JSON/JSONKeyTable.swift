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

    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    /// FNV-1a, the hash the reader computes while scanning a key.
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h = offsetBasis
        for b in bytes { h = (h ^ UInt64(b)) &* prime }
        return h
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
