#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HubbleAPI
import SwiftProtobuf

/// Writes compact JSON into a byte buffer, escaping strings as Go's `encoding/json` does with HTML
/// escaping on (`<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes), which is what the reference CLI prints.
///
/// The buffer is the writer's own memory, written through a pointer: each value costs one capacity
/// check and a copy, where an array would check its uniqueness and capacity for every byte appended.
/// A writer cannot be copied; it frees its buffer when it goes away.
public struct JSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// How many bytes have been written.
    public private(set) var count = 0
    /// Whether the next key or array element needs a comma first.
    var needsComma = false

    public init(capacity: Int = 2048) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far, lent for the duration of `body`.
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// A copy of the bytes written so far.
    public var bytes: [UInt8] { withBytes { Array($0) } }

    /// The bytes written so far as text.
    public var text: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    /// Forgets the output but keeps the buffer.
    public mutating func reset() {
        count = 0
        needsComma = false
    }

    // MARK: - Raw bytes

    /// Makes room for `n` more bytes.
    @inline(__always)
    mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(toFit: n) }
    }

    @inline(never)
    private mutating func grow(toFit n: Int) {
        var newCapacity = capacity * 2
        while newCapacity < count + n { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    /// Appends one byte; the caller has reserved room.
    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    /// Appends bytes; the caller has reserved room.
    @inline(__always)
    private mutating func put(_ bytes: UnsafeRawPointer, _ n: Int) {
        UnsafeMutableRawPointer(base + count).copyMemory(from: bytes, byteCount: n)
        count += n
    }

    /// Appends bytes as they are (JSON written elsewhere, or punctuation).
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let start = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        put(start, bytes.count)
    }

    /// Appends ASCII text as it is.
    public mutating func append(_ text: StaticString) {
        reserve(text.utf8CodeUnitCount)
        put(text.utf8Start, text.utf8CodeUnitCount)
    }

    // MARK: - Structure

    @inline(__always)
    public mutating func beginObject() {
        reserve(1)
        put(UInt8(ascii: "{"))
        needsComma = false
    }

    @inline(__always)
    public mutating func endObject() {
        reserve(1)
        put(UInt8(ascii: "}"))
        needsComma = true
    }

    @inline(__always)
    public mutating func beginArray() {
        reserve(1)
        put(UInt8(ascii: "["))
        needsComma = false
    }

    @inline(__always)
    public mutating func endArray() {
        reserve(1)
        put(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Starts an array element (writes the separating comma when needed).
    @inline(__always)
    public mutating func arrayElement() {
        if needsComma {
            reserve(1)
            put(UInt8(ascii: ","))
        }
    }

    /// Writes `"name":`, preceded by a comma when needed. Names are plain ASCII.
    @inline(__always)
    public mutating func key(_ name: StaticString) {
        let n = name.utf8CodeUnitCount
        reserve(n + 4)
        if needsComma { put(UInt8(ascii: ",")) }
        put(UInt8(ascii: "\""))
        put(name.utf8Start, n)
        put(UInt8(ascii: "\""))
        put(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes an integer as a JSON number (protojson quotes 64-bit integers; a count is not one of them).
    public mutating func number(_ value: Int) {
        appendDecimal(Int64(value))
        needsComma = true
    }

    /// Writes `"name":` for a name known only at run time (a map's keys), escaped as a string is.
    public mutating func key(_ name: String) {
        arrayElement()
        string(name)
        reserve(1)
        put(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: - Values

    public mutating func string(_ value: String) {
        // A native string lends its bytes without a copy of the string (and its retain and release).
        if value.utf8.withContiguousStorageIfAvailable({ appendQuoted($0) }) == nil {
            var copy = value
            copy.withUTF8 { appendQuoted($0) }
        }
        needsComma = true
    }

    /// Writes a quoted string. Room is made for the worst case (every byte a six-byte `\u00XX`) once.
    private mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        let n = utf8.count
        reserve(6 * n + 2)
        put(UInt8(ascii: "\""))
        guard let start = utf8.baseAddress else {
            put(UInt8(ascii: "\""))
            return
        }
        let raw = UnsafeRawPointer(start)
        var runStart = 0
        var i = 0
        while i < n {
            // Skip eight plain bytes at a time.
            if i + 8 <= n, !Self.hasSpecialByte(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                i += 8
                continue
            }
            let b = start[i]
            if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0x3C && b != 0x3E && b != 0x26 && b != 0xE2 {
                i += 1
                continue
            }
            if b == 0xE2 {
                // U+2028 and U+2029 are E2 80 A8 / E2 80 A9.
                if i + 2 < n, start[i + 1] == 0x80, start[i + 2] == 0xA8 || start[i + 2] == 0xA9 {
                    put(raw + runStart, i - runStart)
                    put(start[i + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                    i += 3
                    runStart = i
                } else {
                    i += 1
                }
                continue
            }
            put(raw + runStart, i - runStart)
            switch b {
            case 0x22: put("\\\"")
            case 0x5C: put("\\\\")
            case 0x08: put("\\b")
            case 0x0C: put("\\f")
            case 0x0A: put("\\n")
            case 0x0D: put("\\r")
            case 0x09: put("\\t")
            default:
                put("\\u00")
                put(Self.hexDigit(b >> 4))
                put(Self.hexDigit(b & 0xF))
            }
            i += 1
            runStart = i
        }
        put(raw + runStart, n - runStart)
        put(UInt8(ascii: "\""))
    }

    /// Appends ASCII text; the caller has reserved room.
    @inline(__always)
    private mutating func put(_ text: StaticString) {
        put(text.utf8Start, text.utf8CodeUnitCount)
    }

    @inline(__always)
    private static func hexDigit(_ v: UInt8) -> UInt8 {
        v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "a") + v - 10
    }

    /// Whether any of eight bytes needs attention: a control byte, `"`, `\`, `<`, `>`, `&` or 0xE2.
    @inline(__always)
    private static func hasSpecialByte(_ v: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasByte(_ c: UInt8, in v: UInt64) -> UInt64 {
            let x = v ^ (ones &* UInt64(c))
            return (x &- ones) & ~x & highs
        }
        let control = (v &- ones &* 0x20) & ~v & highs
        // `"` (22) and `&` (26) differ only in bit 2, `<` (3C) and `>` (3E) only in bit 1: setting that
        // bit folds each pair into one test (no other byte becomes 26 or 3E that way).
        let quoteOrAmpersand = hasByte(0x26, in: v | (ones &* 0x04))
        let angle = hasByte(0x3E, in: v | (ones &* 0x02))
        return (control | quoteOrAmpersand | angle | hasByte(0x5C, in: v) | hasByte(0xE2, in: v)) != 0
    }

    public mutating func bool(_ value: Bool) {
        if value { append("true") } else { append("false") }
        needsComma = true
    }

    public mutating func int32(_ value: Int32) {
        appendDecimal(Int64(value))
        needsComma = true
    }

    public mutating func uint32(_ value: UInt32) {
        appendDecimal(UInt64(value))
        needsComma = true
    }

    /// 64-bit integers are written as strings, as proto3 JSON requires.
    public mutating func int64(_ value: Int64) {
        append("\"")
        appendDecimal(value)
        append("\"")
        needsComma = true
    }

    public mutating func uint64(_ value: UInt64) {
        append("\"")
        appendDecimal(value)
        append("\"")
        needsComma = true
    }

    public mutating func double(_ value: Double) {
        if value.isNaN {
            append("\"NaN\"")
        } else if value.isInfinite {
            if value < 0 { append("\"-Infinity\"") } else { append("\"Infinity\"") }
        } else if value == value.rounded(), abs(value) < 1e21 {
            appendDecimal(Int64(value))
        } else {
            var text = value.description
            text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
        }
        needsComma = true
    }

    public mutating func enumValue<E: HubbleJSONEnum>(_ value: E) {
        if let name = value.protoName {
            string(name)
        } else {
            appendDecimal(Int64(value.rawValue))
            needsComma = true
        }
    }

    /// Appends pre-encoded JSON as one value.
    public mutating func raw(_ json: [UInt8]) {
        json.withUnsafeBytes { append($0) }
        needsComma = true
    }

    /// Writes a timestamp's protojson form, quoted.
    mutating func timestamp(_ timestamp: Google_Protobuf_Timestamp) {
        reserve(RFC3339.maxLength + 2)
        put(UInt8(ascii: "\""))
        if let written = RFC3339.write(UTCDateTime(seconds: timestamp.seconds, nanos: timestamp.nanos), to: base + count) {
            count += written
        } else {
            var text: [UInt8] = []
            RFC3339.append(timestamp, to: &text)
            text.withUnsafeBytes { append($0) }
        }
        append("\"")
        needsComma = true
    }

    @inline(__always)
    mutating func appendDecimal(_ value: Int64) {
        if value < 0 {
            append("-")
            appendDecimal(value.magnitude)
        } else {
            appendDecimal(UInt64(value))
        }
    }

    @inline(__always)
    mutating func appendDecimal(_ value: UInt64) {
        reserve(20)
        if value < 10 {
            put(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits = 0
        var v = value
        while v > 0 {
            digits += 1
            v /= 10
        }
        v = value
        var i = count + digits - 1
        while v > 0 {
            base[i] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
            i -= 1
        }
        count += digits
    }
}
