import HubbleAPI
import SwiftProtobuf

/// A point in time broken down into UTC calendar fields (proleptic Gregorian), without Foundation.
public struct UTCDateTime: Equatable, Sendable {
    public var year: Int
    public var month: Int  // 1...12
    public var day: Int  // 1...31
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var nanos: Int
    /// 0 = Sunday.
    public var weekday: Int

    /// Seconds of 0001-01-01T00:00:00Z and of 9999-12-31T23:59:59Z: the range protobuf Timestamps allow.
    public static let minSeconds: Int64 = -62_135_596_800
    public static let maxSeconds: Int64 = 253_402_300_799

    public init(seconds: Int64, nanos: Int32 = 0) {
        // Nanoseconds outside 0–999,999,999 (a peer may send them) carry into the seconds, as Go's
        // time.Unix does: -1 ns is the last nanosecond of the second before.
        var seconds = seconds
        var nanos = nanos
        if nanos < 0 || nanos >= 1_000_000_000 {
            let carry = Int64(nanos) >= 0 ? Int64(nanos) / 1_000_000_000 : (Int64(nanos) - 999_999_999) / 1_000_000_000
            let (sum, overflow) = seconds.addingReportingOverflow(carry)
            seconds = overflow ? (carry > 0 ? .max : .min) : sum
            nanos = Int32(Int64(nanos) - carry * 1_000_000_000)
        }
        // Floor division without intermediate overflow (any Int64, even .min, is a date).
        var days = Int(seconds / 86_400)
        var secondOfDay = Int(seconds % 86_400)
        if secondOfDay < 0 {
            days -= 1
            secondOfDay += 86_400
        }
        (year, month, day) = Self.civil(fromDays: days)
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
        self.nanos = Int(nanos)
        weekday = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday (4)
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    public static let weekdayAbbreviations = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
}

extension Google_Protobuf_Timestamp {
    /// Whether the Timestamp is one protobuf allows: 0001-01-01 to 9999-12-31 and nanos in 0..<1e9.
    public var isValidTimestamp: Bool {
        seconds >= UTCDateTime.minSeconds && seconds <= UTCDateTime.maxSeconds && nanos >= 0 && nanos < 1_000_000_000
    }

    /// Orders two Timestamps in time.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.seconds != rhs.seconds ? lhs.seconds < rhs.seconds : lhs.nanos < rhs.nanos
    }
}
