import HubbleAPI
import SwiftProtobuf

/// RFC 3339 timestamps as proto3 JSON writes and reads them.
public enum RFC3339 {
    /// `2025-04-27T11:26:11.993041900Z`: UTC, with 0, 3, 6 or 9 fraction digits as protojson writes.
    public static func format(_ t: Google_Protobuf_Timestamp) -> String {
        var bytes: [UInt8] = []
        append(t, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the protojson form of `t` (without quotes).
    public static func append(_ t: Google_Protobuf_Timestamp, to out: inout [UInt8]) {
        let d = UTCDateTime(seconds: t.seconds, nanos: t.nanos)
        let done = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxLength) { buffer in
            guard let count = write(d, to: buffer.baseAddress!) else { return false }
            out.append(contentsOf: buffer[..<count])
            return true
        }
        if done { return }
        // Beyond four-digit years (or with nanos out of range, which a peer may send): every digit.
        appendDigits(d.year, 4, &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(d.month, 2, &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(d.day, 2, &out)
        out.append(UInt8(ascii: "T"))
        appendDigits(d.hour, 2, &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(d.minute, 2, &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(d.second, 2, &out)
        let n = d.nanos
        if n < 0 || n >= 1_000_000_000 {
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: String(n).utf8)
        } else if n != 0 {
            out.append(UInt8(ascii: "."))
            if n % 1_000_000 == 0 {
                appendDigits(n / 1_000_000, 3, &out)
            } else if n % 1000 == 0 {
                appendDigits(n / 1000, 6, &out)
            } else {
                appendDigits(n, 9, &out)
            }
        }
        out.append(UInt8(ascii: "Z"))
    }

    /// The most bytes `write` writes.
    public static let maxLength = 30

    /// Writes the protojson form of `d` (without quotes) at `p`, which has room for `maxLength`
    /// bytes, and returns how many it wrote; `nil` (nothing written) for a year beyond 0–9999 or
    /// nanoseconds beyond 0–999,999,999.
    public static func write(_ d: UTCDateTime, to p: UnsafeMutablePointer<UInt8>) -> Int? {
        guard d.year >= 0 && d.year <= 9999 && d.nanos >= 0 && d.nanos < 1_000_000_000 else { return nil }
        var count = 0
        @inline(__always) func digits(_ value: Int, _ width: Int) {
            var v = value
            var i = width - 1
            while i >= 0 {
                p[count + i] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                i -= 1
            }
            count += width
        }
        @inline(__always) func byte(_ b: UInt8) {
            p[count] = b
            count += 1
        }
        digits(d.year, 4)
        byte(UInt8(ascii: "-"))
        digits(d.month, 2)
        byte(UInt8(ascii: "-"))
        digits(d.day, 2)
        byte(UInt8(ascii: "T"))
        digits(d.hour, 2)
        byte(UInt8(ascii: ":"))
        digits(d.minute, 2)
        byte(UInt8(ascii: ":"))
        digits(d.second, 2)
        let n = d.nanos
        if n != 0 {
            byte(UInt8(ascii: "."))
            if n % 1_000_000 == 0 {
                digits(n / 1_000_000, 3)
            } else if n % 1000 == 0 {
                digits(n / 1000, 6)
            } else {
                digits(n, 9)
            }
        }
        byte(UInt8(ascii: "Z"))
        return count
    }

    /// Appends `value` in decimal, zero-padded to `width` digits.
    @inline(__always)
    public static func appendDigits(_ value: Int, _ width: Int, _ out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var v = value
        if v < 0 || v >= divisor * 10 {  // negative or wider than asked: print all digits
            out.append(contentsOf: String(value).utf8)
            return
        }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(v / divisor))
            v %= divisor
            divisor /= 10
        }
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` into a UTC Timestamp; `nil` if malformed.
    public static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Google_Protobuf_Timestamp? {
        var i = 0
        @inline(__always) func number(_ width: Int) -> Int? {
            guard i + width <= b.count else { return nil }
            var v = 0
            for k in 0..<width {
                let c = b[i + k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += width
            return v
        }
        @inline(__always) func literal(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), literal(45), let month = number(2), literal(45), let day = number(2),
            i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t")
        else { return nil }
        i += 1
        guard let hour = number(2), literal(58), let minute = number(2), literal(58), let second = number(2) else { return nil }
        var nanos = 0
        if literal(46) {
            var digits = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if digits < 9 { nanos = nanos * 10 + Int(b[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 9) { nanos *= 10 }
        }
        var offset = 0
        if literal(UInt8(ascii: "Z")) || literal(UInt8(ascii: "z")) {
            offset = 0
        } else if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let oh = number(2), literal(58), let om = number(2), oh < 24, om < 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard i == b.count, month >= 1, month <= 12, day >= 1, day <= UTCDateTime.daysInMonth(year, month),
            hour < 24, minute < 60, second < 60
        else { return nil }
        let days = UTCDateTime.days(year: year, month: month, day: day)
        var t = Google_Protobuf_Timestamp()
        t.seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
        t.nanos = Int32(nanos)
        return t
    }
}

extension RFC3339 {
    /// Parses a timestamp given as a string.
    public static func parse(_ text: String) -> Google_Protobuf_Timestamp? {
        var copy = text
        return copy.withUTF8 { parse($0) }
    }
}
