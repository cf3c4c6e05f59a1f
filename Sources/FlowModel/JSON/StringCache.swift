#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
import HubbleAPI
#endif

/// Reuses `String`s for byte sequences seen recently. Flow streams repeat the same labels, names and
/// namespaces over and over; handing out an existing string costs a retain instead of an allocation,
/// a copy and a validation. Direct-mapped and bounded: a miss replaces the slot's entry.
///
/// Not thread-safe: one cache per decoding task.
public final class StringCache {
    private var hashes: [UInt64]
    private var strings: [String]
    private let mask: Int

    /// Strings shorter than this are stored inline by Swift and gain nothing from the cache.
    static let minLength = 16
    static let maxLength = 160

    public init(slots: Int = 1024) {
        var capacity = 16
        while capacity < slots { capacity *= 2 }
        hashes = [UInt64](repeating: 0, count: capacity)
        strings = [String](repeating: "", count: capacity)
        mask = capacity - 1
    }

    /// The string for `bytes` (plain UTF-8 without escapes).
    @inline(__always)
    func string(_ start: UnsafePointer<UInt8>, _ count: Int) -> String {
        guard count >= Self.minLength && count <= Self.maxLength else {
            return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        }
        let hash = Self.hash(start, count)
        let slot = Int(truncatingIfNeeded: hash >> 40) & mask
        if hashes[slot] == hash {
            let candidate = strings[slot]
            let same = candidate.utf8.count == count
                && (candidate.utf8.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, start, count) == 0 } ?? false)
            if same { return candidate }
        }
        let fresh = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        hashes[slot] = hash
        strings[slot] = fresh
        return fresh
    }

    /// A fast hash of all bytes, eight at a time.
    @inline(__always)
    static func hash(_ start: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        let raw = UnsafeRawPointer(start)
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
        var i = 0
        while i + 8 <= count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 29
        }
        return h | 1
    }
}
