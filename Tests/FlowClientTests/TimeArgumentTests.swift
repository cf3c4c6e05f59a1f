import FlowClient
import FlowModel
import HubbleAPI
import SwiftProtobuf
import Testing

/// `--since` / `--until` values as the reference CLI reads them (spec/output.md §10).
@Suite struct TimeArgumentTests {
    static let now = Google_Protobuf_Timestamp(seconds: 1_745_753_233, nanos: 0)  // 2025-04-27T11:27:13Z

    @Test(arguments: [
        ("3s", 1_745_753_230), ("4m", 1_745_752_993), ("1h43m", 1_745_747_053), ("1.5h", 1_745_747_833),
        ("-5m", 1_745_753_533), ("0", 1_745_753_233), ("90µs", 1_745_753_232),
    ])
    func durationsCountBackFromNow(text: String, seconds: Int64) throws {
        #expect(TimeArgument.parse(text, now: Self.now)?.seconds == seconds)
    }

    @Test(arguments: [
        ("2025-04-27", 1_745_712_000, 0), ("2025-04-27T11Z", 1_745_751_600, 0), ("2025-04-27T11+02:00", 1_745_744_400, 0),
        ("2025-04-27T9Z", 1_745_744_400, 0), ("2025-04-27T11:27Z", 1_745_753_220, 0),
        ("2025-04-27T11:27:13Z", 1_745_753_233, 0), ("2025-04-27T11:27:13.5Z", 1_745_753_233, 500_000_000),
        ("2025-04-27T13:27:13.123456789+02:00", 1_745_753_233, 123_456_789),
        ("Sun, 27 Apr 2025 11:27:13 +0000", 1_745_753_233, 0), ("Mon, 27 Apr 2025 11:27:13 +0000", 1_745_753_233, 0),
        ("2025-04-27T11:27Z", 1_745_753_220, 0),
    ])
    func absoluteLayouts(text: String, seconds: Int64, nanos: Int32) throws {
        let t = try #require(TimeArgument.parse(text, now: Self.now))
        #expect(t.seconds == seconds)
        #expect(t.nanos == nanos)
    }

    @Test(arguments: [
        "Jan 27 11:27:13.000", "2025-04-27 11:27:13Z", "2025-04-27T11:27:13", "2025-4-27", "1d", "yesterday", "",
        "2025-02-30", "Xyz, 27 Apr 2025 11:27:13 +0000", "2025-04-27T24:00Z", "5", "-", "1.2.3s",
    ])
    func rejected(text: String) {
        #expect(TimeArgument.parse(text, now: Self.now) == nil)
    }
}
