import FlowModel
import HubbleAPI
import SwiftProtobuf

/// A Go reference layout reduced to what `time.Parse` needs for the layouts the reference CLI accepts,
/// with Go's leniencies: a one-digit hour, a fraction after the seconds in any layout with seconds,
/// month and weekday names in any letter case (the weekday is not checked against the date).
struct TimeLayoutParser: Sendable {
    enum Token: Sendable {
        case year, month, day, hour, minute, second
        case monthName, weekdayName
        case zoneColon  // Z07:00
        case zoneNumeric  // -0700
        case literal(UInt8)
    }

    let tokens: [Token]

    static let layouts: [TimeLayoutParser] = [
        "2006-01-02", "2006-01-02T15Z07:00", "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05Z07:00",
        "Mon, 02 Jan 2006 15:04:05 -0700",
    ].map(TimeLayoutParser.init(layout:))

    init(layout: String) {
        var tokens: [Token] = []
        var rest = Substring(layout)
        let names: [(String, Token)] = [
            ("2006", .year), ("Z07:00", .zoneColon), ("-0700", .zoneNumeric), ("Jan", .monthName),
            ("Mon", .weekdayName), ("01", .month), ("02", .day), ("15", .hour), ("04", .minute), ("05", .second),
        ]
        outer: while let c = rest.first {
            for (name, token) in names where rest.hasPrefix(name) {
                tokens.append(token)
                rest = rest.dropFirst(name.count)
                continue outer
            }
            tokens.append(.literal(c.asciiValue!))
            rest = rest.dropFirst()
        }
        self.tokens = tokens
    }

    func parse(_ b: [UInt8]) -> Google_Protobuf_Timestamp? {
        var i = 0
        var year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos = 0, offset = 0
        func digits(_ count: ClosedRange<Int>) -> Int? {
            var n = 0
            var value = 0
            while i < b.count, n < count.upperBound, b[i] >= 48, b[i] <= 57 {
                value = value * 10 + Int(b[i] - 48)
                i += 1
                n += 1
            }
            return count.contains(n) ? value : nil
        }
        func name(_ list: [String]) -> Int? {
            for (index, candidate) in list.enumerated() {
                let bytes = Array(candidate.utf8)
                guard i + bytes.count <= b.count else { continue }
                if zip(bytes, b[i..<(i + bytes.count)]).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) {
                    i += bytes.count
                    return index
                }
            }
            return nil
        }
        for token in tokens {
            switch token {
            case .year: guard let v = digits(4...4) else { return nil }; year = v
            case .month: guard let v = digits(2...2) else { return nil }; month = v
            case .day: guard let v = digits(2...2) else { return nil }; day = v
            case .hour: guard let v = digits(1...2) else { return nil }; hour = v
            case .minute: guard let v = digits(2...2) else { return nil }; minute = v
            case .second:
                guard let v = digits(2...2) else { return nil }
                second = v
                if i + 1 < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ","), b[i + 1] >= 48, b[i + 1] <= 57 {
                    i += 1
                    var count = 0
                    while i < b.count, b[i] >= 48, b[i] <= 57 {
                        if count < 9 { nanos = nanos * 10 + Int(b[i] - 48) }
                        count += 1
                        i += 1
                    }
                    for _ in count..<max(count, 9) { nanos *= 10 }
                }
            case .monthName: guard let v = name(UTCDateTime.monthAbbreviations) else { return nil }; month = v + 1
            case .weekdayName: guard name(UTCDateTime.weekdayAbbreviations) != nil else { return nil }
            case .zoneColon:
                if i < b.count, b[i] == UInt8(ascii: "Z") {
                    i += 1
                } else {
                    guard let sign = zoneSign(b, &i), let h = digits(2...2), i < b.count, b[i] == UInt8(ascii: ":") else {
                        return nil
                    }
                    i += 1
                    guard let m = digits(2...2) else { return nil }
                    offset = sign * (h * 3600 + m * 60)
                }
            case .zoneNumeric:
                guard let sign = zoneSign(b, &i), let h = digits(2...2), let m = digits(2...2) else { return nil }
                offset = sign * (h * 3600 + m * 60)
            case .literal(let c):
                guard i < b.count, b[i] == c else { return nil }
                i += 1
            }
        }
        guard i == b.count, (1...12).contains(month), day >= 1, day <= UTCDateTime.daysInMonth(year, month),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var t = Google_Protobuf_Timestamp()
        t.seconds = Int64(UTCDateTime.days(year: year, month: month, day: day)) * 86_400
            + Int64(hour * 3600 + minute * 60 + second - offset)
        t.nanos = Int32(nanos)
        return t
    }

    private func zoneSign(_ b: [UInt8], _ i: inout Int) -> Int? {
        guard i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return nil }
        defer { i += 1 }
        return b[i] == UInt8(ascii: "-") ? -1 : 1
    }
}
