import FlowModel
import HubbleAPI
import SwiftProtobuf

/// Parses `--since` / `--until` values as the reference CLI does: a Go duration before now (`5m`,
/// `1h30m`, `-5m` for the future), or an absolute time in one of its layouts (RFC 3339 and shorter
/// forms, RFC 1123 with a numeric zone).
public enum TimeArgument {
    /// The layouts tried in order after the duration form, shown in error messages.
    public static let acceptedForms = [
        "a duration before now (30s, 5m, 1h30m)", "a date (2025-04-27)",
        "an RFC 3339 time (2025-04-27T11:27:13Z, 2025-04-27T13:27+02:00; seconds and a fraction optional)",
        "or an RFC 1123 time (Sun, 27 Apr 2025 11:27:13 +0000)",
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
