import FlowModel
import HubbleAPI
import SwiftProtobuf

/// The named time layouts of the reference CLI's `--time-format`, printed in UTC.
public enum TimeLayout: String, CaseIterable, Sendable {
    case stampMilli = "StampMilli"
    case yearMonthDay = "YearMonthDay"
    case yearMonthDayHour = "YearMonthDayHour"
    case yearMonthDayHourMinute = "YearMonthDayHourMinute"
    case rfc3339 = "RFC3339"
    case rfc3339Milli = "RFC3339Milli"
    case rfc3339Micro = "RFC3339Micro"
    case rfc3339Nano = "RFC3339Nano"
    case rfc1123Z = "RFC1123Z"

    /// The layout with this name, compared case-insensitively; unknown names mean `StampMilli`,
    /// as in the reference.
    public init(name: String) {
        let lowered = name.lowercased()
        self = Self.allCases.first { $0.rawValue.lowercased() == lowered } ?? .stampMilli
    }

    /// Appends the formatted time, or `N/A` when the Timestamp is missing or out of range.
    public func append(_ t: Google_Protobuf_Timestamp?, to out: inout [UInt8]) {
        guard let t, t.isValidTimestamp else {
            out.append(contentsOf: "N/A".utf8)
            return
        }
        let d = UTCDateTime(seconds: t.seconds, nanos: t.nanos)
        switch self {
        case .stampMilli:
            out.append(contentsOf: UTCDateTime.monthAbbreviations[d.month - 1].utf8)
            out.append(UInt8(ascii: " "))
            if d.day < 10 { out.append(UInt8(ascii: " ")) }
            RFC3339.appendDigits(d.day, 1, &out)
            out.append(UInt8(ascii: " "))
            appendClock(d, &out)
            out.append(UInt8(ascii: "."))
            RFC3339.appendDigits(d.nanos / 1_000_000, 3, &out)
        case .yearMonthDay:
            appendDate(d, &out)
        case .yearMonthDayHour:
            appendDate(d, &out)
            out.append(UInt8(ascii: "T"))
            RFC3339.appendDigits(d.hour, 2, &out)
            out.append(UInt8(ascii: "Z"))
        case .yearMonthDayHourMinute:
            appendDate(d, &out)
            out.append(UInt8(ascii: "T"))
            RFC3339.appendDigits(d.hour, 2, &out)
            out.append(UInt8(ascii: ":"))
            RFC3339.appendDigits(d.minute, 2, &out)
            out.append(UInt8(ascii: "Z"))
        case .rfc3339, .rfc3339Milli, .rfc3339Micro, .rfc3339Nano:
            appendDate(d, &out)
            out.append(UInt8(ascii: "T"))
            appendClock(d, &out)
            let digits = self == .rfc3339 ? 0 : self == .rfc3339Milli ? 3 : self == .rfc3339Micro ? 6 : 9
            appendTrimmedFraction(d.nanos, digits: digits, &out)
            out.append(UInt8(ascii: "Z"))
        case .rfc1123Z:
            out.append(contentsOf: UTCDateTime.weekdayAbbreviations[d.weekday].utf8)
            out.append(contentsOf: ", ".utf8)
            RFC3339.appendDigits(d.day, 2, &out)
            out.append(UInt8(ascii: " "))
            out.append(contentsOf: UTCDateTime.monthAbbreviations[d.month - 1].utf8)
            out.append(UInt8(ascii: " "))
            RFC3339.appendDigits(d.year, 4, &out)
            out.append(UInt8(ascii: " "))
            appendClock(d, &out)
            out.append(contentsOf: " +0000".utf8)
        }
    }

    /// The formatted time as a string.
    public func format(_ t: Google_Protobuf_Timestamp?) -> String {
        var out: [UInt8] = []
        append(t, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func appendDate(_ d: UTCDateTime, _ out: inout [UInt8]) {
        RFC3339.appendDigits(d.year, 4, &out)
        out.append(UInt8(ascii: "-"))
        RFC3339.appendDigits(d.month, 2, &out)
        out.append(UInt8(ascii: "-"))
        RFC3339.appendDigits(d.day, 2, &out)
    }

    private func appendClock(_ d: UTCDateTime, _ out: inout [UInt8]) {
        RFC3339.appendDigits(d.hour, 2, &out)
        out.append(UInt8(ascii: ":"))
        RFC3339.appendDigits(d.minute, 2, &out)
        out.append(UInt8(ascii: ":"))
        RFC3339.appendDigits(d.second, 2, &out)
    }

    /// Go's `.999…` fraction: truncated to `digits`, trailing zeros dropped, no dot when zero.
    private func appendTrimmedFraction(_ nanos: Int, digits: Int, _ out: inout [UInt8]) {
        guard digits > 0 else { return }
        var value = nanos
        for _ in digits..<9 { value /= 10 }
        guard value > 0 else { return }
        var width = digits
        while value % 10 == 0 {
            value /= 10
            width -= 1
        }
        out.append(UInt8(ascii: "."))
        RFC3339.appendDigits(value, width, &out)
    }
}
