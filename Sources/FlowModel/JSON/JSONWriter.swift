/// Writes compact JSON into a byte buffer, escaping strings as Go's `encoding/json` does with HTML
/// escaping on (`<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes), which is what the reference CLI prints.
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8]
    /// Whether the next key or array element needs a comma first.
    var needsComma = false

    public init(capacity: Int = 2048) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Forgets the output but keeps the buffer's capacity.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = false
    }

    // MARK: - Structure

    @inline(__always)
    public mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    @inline(__always)
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    @inline(__always)
    public mutating func beginArray() {
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    @inline(__always)
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Starts an array element (writes the separating comma when needed).
    @inline(__always)
    public mutating func arrayElement() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// Writes `"name":`, preceded by a comma when needed. Names are plain ASCII.
    @inline(__always)
    public mutating func key(_ name: StaticString) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: - Values

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in appendQuoted(utf8) }
        needsComma = true
    }

    private mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        var i = 0
        let n = utf8.count
        let raw = UnsafeRawPointer(utf8.baseAddress)
        while i < n {
            // Skip eight plain bytes at a time.
            if let raw, i + 8 <= n, !Self.hasSpecialByte(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                i += 8
                continue
            }
            let b = utf8[i]
            if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0x3C && b != 0x3E && b != 0x26 && b != 0xE2 {
                i += 1
                continue
            }
            if b == 0xE2 {
                // U+2028 and U+2029 are E2 80 A8 / E2 80 A9.
                if i + 2 < n, utf8[i + 1] == 0x80, utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9 {
                    flush(utf8, runStart, i)
                    appendASCII(utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                    i += 3
                    runStart = i
                } else {
                    i += 1
                }
                continue
            }
            flush(utf8, runStart, i)
            switch b {
            case 0x22: appendASCII("\\\"")
            case 0x5C: appendASCII("\\\\")
            case 0x08: appendASCII("\\b")
            case 0x0C: appendASCII("\\f")
            case 0x0A: appendASCII("\\n")
            case 0x0D: appendASCII("\\r")
            case 0x09: appendASCII("\\t")
            default:
                appendASCII("\\u00")
                bytes.append(Self.hexDigits[Int(b >> 4)])
                bytes.append(Self.hexDigits[Int(b & 0xF)])
            }
            i += 1
            runStart = i
        }
        flush(utf8, runStart, n)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether any of eight bytes needs attention: a control byte, `"`, `\`, `<`, `>`, `&` or 0xE2.
    @inline(__always)
    private static func hasSpecialByte(_ v: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasByte(_ c: UInt8) -> UInt64 {
            let x = v ^ (ones &* UInt64(c))
            return (x &- ones) & ~x & highs
        }
        let control = (v &- ones &* 0x20) & ~v & highs
        return (control | hasByte(0x22) | hasByte(0x5C) | hasByte(0x3C) | hasByte(0x3E) | hasByte(0x26) | hasByte(0xE2)) != 0
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    @inline(__always)
    private mutating func flush(_ utf8: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) {
        if to > from { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[from..<to])) }
    }

    @inline(__always)
    mutating func appendASCII(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    public mutating func bool(_ value: Bool) {
        if value { appendASCII("true") } else { appendASCII("false") }
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
        bytes.append(UInt8(ascii: "\""))
        appendDecimal(value)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    public mutating func uint64(_ value: UInt64) {
        bytes.append(UInt8(ascii: "\""))
        appendDecimal(value)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    public mutating func double(_ value: Double) {
        if value.isNaN {
            appendASCII("\"NaN\"")
        } else if value.isInfinite {
            if value < 0 { appendASCII("\"-Infinity\"") } else { appendASCII("\"Infinity\"") }
        } else if value == value.rounded(), abs(value) < 1e21 {
            appendDecimal(Int64(value))
        } else {
            bytes.append(contentsOf: value.description.utf8)
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
    public mutating func raw(_ json: some Sequence<UInt8>) {
        bytes.append(contentsOf: json)
        needsComma = true
    }

    @inline(__always)
    mutating func appendDecimal(_ value: Int64) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            appendDecimal(value.magnitude)
        } else {
            appendDecimal(UInt64(value))
        }
    }

    @inline(__always)
    mutating func appendDecimal(_ value: UInt64) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var v = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while v > 0 {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                count += 1
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)..<24]))
        }
    }
}
