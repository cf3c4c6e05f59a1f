import HubbleAPI
/// An IPv4 or IPv6 address, parsed as Go's `netip.ParseAddr` parses it (and failing with its messages),
/// so that filters reject exactly what the reference server rejects.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// The address in 128 bits; an IPv4 address sits in the low 32 bits of `low`.
    public var high: UInt64
    public var low: UInt64
    public var isIPv4: Bool
    /// An IPv6 zone (`fe80::1%eth0`); prefixes never have one.
    public var hasZone = false

    public init(ipv4: UInt32) {
        high = 0
        low = UInt64(ipv4)
        isIPv4 = true
    }

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
        isIPv4 = false
    }

    public var bitCount: Int { isIPv4 ? 32 : 128 }

    /// Parses an address; `nil` when `text` is not one. Allocates nothing: flows are parsed with it.
    public static func parse(_ text: String) -> IPAddress? {
        var text = text
        return text.withUTF8 { try? parse(bytes: $0).get() }
    }

    /// Parses an address or explains, in `netip.ParseAddr`'s words, why it is not one.
    public static func parseReportingError(_ text: String) -> Result<IPAddress, AddressError> {
        var copy = text
        return copy.withUTF8 { bytes in
            parse(bytes: bytes).mapError { AddressError(input: text, message: $0.message, at: $0.at) }
        }
    }

    /// `netip`'s parse error: `ParseAddr("1.2.3"): IPv4 address too short`.
    public struct AddressError: Error, Sendable, CustomStringConvertible {
        public var input: String
        public var message: String
        public var at: String?
        public var description: String {
            let base = "ParseAddr(\(GoQuote.quote(input))): \(message)"
            guard let at, !at.isEmpty else { return base }
            return base + " (at \(GoQuote.quote(at)))"
        }
    }

    struct Failure: Error {
        var message: String
        var at: String?
        init(_ message: String, at: String? = nil) {
            self.message = message
            self.at = at
        }
    }

    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Result<IPAddress, Failure> {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "."): return parseIPv4(bytes).map { IPAddress(ipv4: $0) }
            case UInt8(ascii: ":"): return parseIPv6(bytes)
            case UInt8(ascii: "%"): return .failure(Failure("missing IPv6 address"))
            default: continue
            }
        }
        return .failure(Failure("unable to parse IP"))
    }

    static func rest(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[index...]), as: UTF8.self)
    }

    static func parseIPv4(_ s: UnsafeBufferPointer<UInt8>) -> Result<UInt32, Failure> {
        var value: UInt32 = 0
        var octet = 0
        var digits = 0
        var fields = 0
        for i in 0..<s.count {
            let c = s[i]
            if c >= 48 && c <= 57 {
                if digits == 1 && octet == 0 { return .failure(Failure("IPv4 field has octet with leading zero")) }
                octet = octet * 10 + Int(c - 48)
                digits += 1
                if octet > 255 { return .failure(Failure("IPv4 field has value >255")) }
            } else if c == UInt8(ascii: ".") {
                if i == 0 || i == s.count - 1 || s[i - 1] == UInt8(ascii: ".") {
                    return .failure(Failure("IPv4 field must have at least one digit", at: rest(s, from: i)))
                }
                if fields == 3 { return .failure(Failure("IPv4 address too long")) }
                value = value << 8 | UInt32(octet)
                fields += 1
                octet = 0
                digits = 0
            } else {
                return .failure(Failure("unexpected character", at: rest(s, from: i)))
            }
        }
        if fields < 3 { return .failure(Failure("IPv4 address too short")) }
        return .success(value << 8 | UInt32(octet))
    }

    static func parseIPv6(_ whole: UnsafeBufferPointer<UInt8>) -> Result<IPAddress, Failure> {
        var s = whole
        var zoned = false
        if let percent = whole.firstIndex(of: UInt8(ascii: "%")) {
            if percent == whole.count - 1 { return .failure(Failure("zone must be a non-empty string")) }
            s = UnsafeBufferPointer(rebasing: whole[..<percent])
            zoned = true
        }
        var words = [UInt16](repeating: 0, count: 8)
        var count = 0
        var ellipsis = -1
        var i = 0
        if s.count >= 2 && s[0] == UInt8(ascii: ":") && s[1] == UInt8(ascii: ":") {
            ellipsis = 0
            i = 2
            if i == s.count { return .success(IPAddress(high: 0, low: 0, zoned: zoned)) }
        }
        while i < s.count {
            var off = 0
            var acc: UInt32 = 0
            while i + off < s.count, let digit = hexValue(s[i + off]) {
                acc = acc << 4 | UInt32(digit)
                off += 1
                if acc > 0xFFFF { return .failure(Failure("IPv6 field has value >=2^16", at: rest(s, from: i))) }
            }
            if off == 0 {
                return .failure(Failure("each colon-separated field must have at least one digit", at: rest(s, from: i)))
            }
            if i + off < s.count && s[i + off] == UInt8(ascii: ".") {
                if ellipsis < 0 && count != 6 {
                    return .failure(Failure("embedded IPv4 address must replace the final 2 fields of the address", at: rest(s, from: i)))
                }
                if count + 2 > 8 { return .failure(Failure("too many hex fields to fit an embedded IPv4 at the end of the address", at: rest(s, from: i))) }
                switch parseIPv4(UnsafeBufferPointer(rebasing: s[i...])) {
                case .failure(let failure):
                    return .failure(Failure("\(failure.message)", at: failure.at))
                case .success(let v4):
                    words[count] = UInt16(v4 >> 16)
                    words[count + 1] = UInt16(v4 & 0xFFFF)
                    count += 2
                    i = s.count
                    break
                }
                break
            }
            words[count] = UInt16(acc)
            count += 1
            i += off
            if i == s.count { break }
            if s[i] != UInt8(ascii: ":") {
                return .failure(Failure("unexpected character, want colon", at: rest(s, from: i)))
            }
            if i + 1 == s.count {
                return .failure(Failure("colon must be followed by more characters", at: rest(s, from: i)))
            }
            i += 1
            if s[i] == UInt8(ascii: ":") {
                if ellipsis >= 0 { return .failure(Failure("multiple :: in address", at: rest(s, from: i))) }
                ellipsis = count
                i += 1
                if i == s.count { break }
            }
            if count == 8 { return .failure(Failure("trailing garbage after address", at: rest(s, from: i))) }
        }
        if count < 8 {
            if ellipsis < 0 { return .failure(Failure("address string too short")) }
            let n = 8 - count
            for j in stride(from: count - 1, through: ellipsis, by: -1) { words[j + n] = words[j] }
            for j in ellipsis..<(ellipsis + n) { words[j] = 0 }
        } else if ellipsis >= 0 {
            return .failure(Failure("the :: must expand to at least one field of zeros"))
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for j in 0..<4 { high = high << 16 | UInt64(words[j]) }
        for j in 4..<8 { low = low << 16 | UInt64(words[j]) }
        return .success(IPAddress(high: high, low: low, zoned: zoned))
    }

    private init(high: UInt64, low: UInt64, zoned: Bool) {
        self.init(high: high, low: low)
        hasZone = zoned
    }

    public static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }

    public var description: String {
        if isIPv4 {
            let v = UInt32(truncatingIfNeeded: low)
            return "\(v >> 24).\(v >> 16 & 0xFF).\(v >> 8 & 0xFF).\(v & 0xFF)"
        }
        let words = (0..<8).map { j -> UInt16 in
            let half = j < 4 ? high : low
            return UInt16(truncatingIfNeeded: half >> (UInt64(3 - j % 4) * 16))
        }
        // The longest run of two or more zero words becomes `::` (RFC 5952).
        var bestStart = -1, bestLength = 1, j = 0
        while j < 8 {
            guard words[j] == 0 else { j += 1; continue }
            var k = j
            while k < 8 && words[k] == 0 { k += 1 }
            if k - j > bestLength { bestStart = j; bestLength = k - j }
            j = k
        }
        var out = ""
        j = 0
        while j < 8 {
            if j == bestStart {
                out += "::"
                j += bestLength
                continue
            }
            if !out.isEmpty && !out.hasSuffix(":") { out += ":" }
            out += String(words[j], radix: 16)
            j += 1
        }
        return out
    }
}
