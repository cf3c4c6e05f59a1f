import FlowModel
import SwiftProtobuf

/// Parses `--since` / `--until` values as the reference CLI does: a Go duration before now (`5m`,
/// `1h30m`, `-5m` for the future), or an absolute time in one of its layouts (RFC 3339 and shorter
/// forms, RFC 1123 with a numeric zone).
public enum TimeArgument {
    /// The layouts tried in order after the duration form, shown in error messages.
    public static let acceptedForms = [
        "a duration before now (30s, 5m, 1h30m)", "2006-01-02", "2006-01-02T15Z07:00", "2006-01-02T15:04Z07:00",
        "2006-01-02T15:04:05Z07:00 (RFC 3339, optionally with a fraction)", "Mon, 02 Jan 2006 15:04:05 -0700",
    ]

    /// The time `text` names, relative times counted back from `now`; `nil` when it names none.
    public static func parse(_ text: String, now: Google_Protobuf_Timestamp) -> Google_Protobuf_Timestamp? {
        if let nanos = GoDuration.parse(text) {
            let total = Int128(now.seconds) * 1_000_000_000 + Int128(now.nanos) - Int128(nanos)
            var t = Google_Protobuf_Timestamp()
            let seconds = total >= 0 ? total / 1_000_000_000 : (total - 999_999_999) / 1_000_000_000
            t.seconds = Int64(seconds)
            t.nanos = Int32(total - seconds * 1_000_000_000)
            return t
        }
        for layout in TimeLayoutParser.layouts {
            if let t = layout.parse(Array(text.utf8)) { return t }
        }
        return nil
    }
}

/// Go's `time.ParseDuration`, in nanoseconds.
enum GoDuration {
    static func parse(_ text: String) -> Int64? {
        var s = Substring(text)
        var negative = false
        if let first = s.first, first == "-" || first == "+" {
            negative = first == "-"
            s = s.dropFirst()
        }
        if s == "0" { return 0 }
        if s.isEmpty { return nil }
        var total: Double = 0
        while !s.isEmpty {
            let number = s.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", number.filter({ $0 == "." }).count <= 1, let value = Double(number) else {
                return nil
            }
            s = s.dropFirst(number.count)
            let unit = s.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            s = s.dropFirst(unit.count)
            let scale: Double
            switch unit {
            case "ns": scale = 1
            case "us", "µs", "μs": scale = 1e3
            case "ms": scale = 1e6
            case "s": scale = 1e9
            case "m": scale = 60e9
            case "h": scale = 3600e9
            default: return nil
            }
            total += value * scale
        }
        guard total < 9.2e18 else { return nil }
        return Int64(negative ? -total : total)
    }
}
