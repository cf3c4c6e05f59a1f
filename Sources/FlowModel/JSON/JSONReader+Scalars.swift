import HubbleAPI
extension JSONReader {
    // MARK: - Strings

    /// Reads a string value.
    @inline(__always)
    public mutating func readString() throws(HubbleJSONError) -> String {
        skipWhitespace()
        guard position < end, base[position] == UInt8(ascii: "\"") else { throw unexpected("a string") }
        let start = position + 1
        if let close = plainStringEnd(from: start) {
            position = close + 1
            if let stringCache { return stringCache.string(base + start, close - start) }
            return String(decoding: UnsafeBufferPointer(start: base + start, count: close - start), as: UTF8.self)
        }
        let bytes = try readStringBytes()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The offset of the `"` that closes a string whose contents start at `start`, or `nil` when an
    /// escape or a control byte comes first (or the input ends). Scans eight bytes at a time.
    @inline(__always)
    func plainStringEnd(from start: Int) -> Int? {
        var i = start
        let raw = UnsafeRawPointer(base)
        while i + 8 <= end {
            let found = Self.plainStringStops(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            if found == 0 {
                i += 8
                continue
            }
            // The lowest flagged byte is always a true stop (false ones only follow a true one).
            let stop = i + found.trailingZeroBitCount >> 3
            return base[stop] == UInt8(ascii: "\"") ? stop : nil
        }
        while i < end {
            let b = base[i]
            if b == UInt8(ascii: "\"") { return i }
            if b == UInt8(ascii: "\\") || b < 0x20 { return nil }
            i += 1
        }
        return nil
    }

    /// The high bit of each of eight bytes (read little-endian) that may be `"`, `\\` or a control byte.
    @inline(__always)
    static func plainStringStops(_ v: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = v ^ (ones &* 0x22)
        let backslash = v ^ (ones &* 0x5C)
        let found = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((v &- ones &* 0x20) & ~v)
        return found & highs
    }

    /// Reads a string value with its escapes resolved, as UTF-8 bytes.
    mutating func readStringBytes() throws(HubbleJSONError) -> [UInt8] {
        skipWhitespace()
        guard position < end, base[position] == UInt8(ascii: "\"") else { throw unexpected("a string") }
        position += 1
        var out: [UInt8] = []
        while position < end {
            let b = base[position]
            switch b {
            case UInt8(ascii: "\""):
                position += 1
                return out
            case UInt8(ascii: "\\"):
                position += 1
                guard position < end else { throw error("unterminated string") }
                let e = base[position]
                position += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try readHex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        if position + 6 <= end, base[position] == UInt8(ascii: "\\"), base[position + 1] == UInt8(ascii: "u") {
                            let save = position
                            position += 2
                            let low = try readHex4()
                            if (0xDC00..<0xE000).contains(low) {
                                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                position = save
                                scalar = 0xFFFD
                            }
                        } else {
                            scalar = 0xFFFD
                        }
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        scalar = 0xFFFD
                    }
                    appendUTF8(scalar, to: &out)
                default:
                    position -= 2
                    throw error("invalid escape sequence in string")
                }
            default:
                if b < 0x20 { throw error("control character in string (must be escaped)") }
                out.append(b)
                position += 1
            }
        }
        throw error("unterminated string")
    }

    private mutating func readHex4() throws(HubbleJSONError) -> UInt32 {
        guard position + 4 <= end else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = base[position]
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        out.append(contentsOf: String(Character(s)).utf8)
    }

    // MARK: - Booleans

    public mutating func readBool() throws(HubbleJSONError) -> Bool {
        skipWhitespace()
        if position + 4 <= end, base[position] == UInt8(ascii: "t"), base[position + 1] == UInt8(ascii: "r"),
            base[position + 2] == UInt8(ascii: "u"), base[position + 3] == UInt8(ascii: "e")
        {
            position += 4
            return true
        }
        if position + 5 <= end, base[position] == UInt8(ascii: "f"), base[position + 1] == UInt8(ascii: "a"),
            base[position + 2] == UInt8(ascii: "l"), base[position + 3] == UInt8(ascii: "s"),
            base[position + 4] == UInt8(ascii: "e")
        {
            position += 5
            return false
        }
        throw unexpected("true or false")
    }

    // MARK: - Numbers

    /// The bytes of a JSON number literal, validated by its grammar.
    mutating func readNumberLiteral() throws(HubbleJSONError) -> UnsafeBufferPointer<UInt8> {
        skipWhitespace()
        let start = position
        if position < end, base[position] == UInt8(ascii: "-") { position += 1 }
        let digitsStart = position
        while position < end, isDigit(base[position]) { position += 1 }
        if position == digitsStart { throw unexpected("a number") }
        if base[digitsStart] == UInt8(ascii: "0"), position - digitsStart > 1 { throw error("number with a leading zero") }
        if position < end, base[position] == UInt8(ascii: ".") {
            position += 1
            let fraction = position
            while position < end, isDigit(base[position]) { position += 1 }
            if position == fraction { throw unexpected("a digit") }
        }
        if position < end, base[position] == UInt8(ascii: "e") || base[position] == UInt8(ascii: "E") {
            position += 1
            if position < end, base[position] == UInt8(ascii: "+") || base[position] == UInt8(ascii: "-") { position += 1 }
            let exponent = position
            while position < end, isDigit(base[position]) { position += 1 }
            if position == exponent { throw unexpected("a digit") }
        }
        return UnsafeBufferPointer(start: base + start, count: position - start)
    }

    @inline(__always)
    private func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    /// The text of a number given as a literal or as a quoted string (proto3 JSON allows both).
    private mutating func numberText() throws(HubbleJSONError) -> (UnsafeBufferPointer<UInt8>, start: Int) {
        skipWhitespace()
        let start = position
        if position < end, base[position] == UInt8(ascii: "\"") {
            position += 1
            var inner = self
            let literal = try inner.readNumberLiteral()
            guard inner.position < end, base[inner.position] == UInt8(ascii: "\"") else {
                throw HubbleJSONError("invalid number in string", at: start)
            }
            position = inner.position + 1
            return (literal, start)
        }
        return (try readNumberLiteral(), start)
    }

    /// An integer within `range`, from a literal or a string; `1e3` and `5.0` are accepted when exact.
    private mutating func readInteger(
        _ range: ClosedRange<Int128>, _ typeName: String
    ) throws(HubbleJSONError) -> Int128 {
        let (text, start) = try numberText()
        var negative = false
        var value: Int128 = 0
        var i = 0
        if text[0] == UInt8(ascii: "-") {
            negative = true
            i = 1
        }
        while i < text.count, isDigit(text[i]) {
            value = value * 10 + Int128(text[i] - UInt8(ascii: "0"))
            if value > Int128(UInt64.max) + 1 { throw HubbleJSONError("\(typeName) out of range", at: start) }
            i += 1
        }
        if i < text.count {
            let double = Double(String(decoding: text, as: UTF8.self)) ?? .nan
            guard double.isFinite, double.rounded() == double, abs(double) < 1.9e19 else {
                throw HubbleJSONError("invalid \(typeName): \(String(decoding: text, as: UTF8.self))", at: start)
            }
            value = Int128(double)
            negative = false
        }
        if negative { value = -value }
        guard range.contains(value) else {
            throw HubbleJSONError("\(typeName) out of range: \(String(decoding: text, as: UTF8.self))", at: start)
        }
        return value
    }

    public mutating func readInt32() throws(HubbleJSONError) -> Int32 {
        Int32(try readInteger(Int128(Int32.min)...Int128(Int32.max), "int32"))
    }

    public mutating func readUInt32() throws(HubbleJSONError) -> UInt32 {
        skipWhitespace()
        // Fast path: a plain non-negative literal.
        var i = position
        var value: UInt64 = 0
        while i < end, isDigit(base[i]), i - position < 10 {
            value = value * 10 + UInt64(base[i] - UInt8(ascii: "0"))
            i += 1
        }
        if i > position, i < end, value <= UInt32.max, !(base[position] == UInt8(ascii: "0") && i - position > 1) {
            let next = base[i]
            if next == UInt8(ascii: ",") || next == UInt8(ascii: "}") || next == UInt8(ascii: "]") || next == 0x20 {
                position = i
                return UInt32(value)
            }
        }
        return UInt32(try readInteger(0...Int128(UInt32.max), "uint32"))
    }

    public mutating func readInt64() throws(HubbleJSONError) -> Int64 {
        Int64(try readInteger(Int128(Int64.min)...Int128(Int64.max), "int64"))
    }

    public mutating func readUInt64() throws(HubbleJSONError) -> UInt64 {
        UInt64(try readInteger(0...Int128(UInt64.max), "uint64"))
    }

    public mutating func readDouble() throws(HubbleJSONError) -> Double {
        skipWhitespace()
        if peek() == UInt8(ascii: "\"") {
            var copy = self
            if let word = try? copy.readString(), let special = ["NaN": Double.nan, "Infinity": .infinity, "-Infinity": -.infinity][word] {
                self = copy
                return special
            }
        }
        let (text, start) = try numberText()
        guard let value = Double(String(decoding: text, as: UTF8.self)) else {
            throw HubbleJSONError("invalid number", at: start)
        }
        return value
    }

    // MARK: - Enums

    /// An enum value by name, or by number.
    public mutating func readEnum<E: HubbleJSONEnum>(_ type: E.Type) throws(HubbleJSONError) -> E {
        skipWhitespace()
        let start = position
        if peek() == UInt8(ascii: "\"") {
            // Fast path: a name without escapes, looked up in place.
            var i = position + 1
            while i < end, base[i] != UInt8(ascii: "\""), base[i] != UInt8(ascii: "\\") { i += 1 }
            let number: Int?
            let nameRange: Range<Int>
            if i < end, base[i] == UInt8(ascii: "\"") {
                let count = i - position - 1
                number = E.jsonNameTable.lookup(start: base + position + 1, count: count)
                nameRange = (position + 1)..<i
                position = i + 1
            } else {
                let bytes = try readStringBytes()
                number = E.jsonNameTable.lookup(bytes)
                nameRange = start..<position
            }
            guard let number, let value = E(rawValue: number) else {
                let name = String(decoding: UnsafeBufferPointer(start: base + nameRange.lowerBound, count: nameRange.count), as: UTF8.self)
                throw HubbleJSONError("invalid value for enum \(String(describing: E.self)): \"\(name)\"", at: start)
            }
            return value
        }
        let number = try readInt32()
        guard let value = E(rawValue: Int(number)) else { throw HubbleJSONError("invalid enum number \(number)", at: start) }
        return value
    }

    /// The bytes of a string value without escapes, in place; `nil` (nothing consumed) when it has any.
    mutating func readPlainStringInPlace() throws(HubbleJSONError) -> UnsafeBufferPointer<UInt8>? {
        skipWhitespace()
        guard position < end, base[position] == UInt8(ascii: "\"") else { throw unexpected("a string") }
        guard let close = plainStringEnd(from: position + 1) else { return nil }
        let result = UnsafeBufferPointer(start: base + position + 1, count: close - position - 1)
        position = close + 1
        return result
    }
}
