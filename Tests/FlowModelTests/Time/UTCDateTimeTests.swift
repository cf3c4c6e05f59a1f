import FlowModel
import HubbleAPI
import SwiftProtobuf
import Testing

/// Times from a peer are untrusted: nanoseconds out of range carry into the seconds (as Go's
/// time.Unix does), and no number of seconds traps.
@Suite struct UTCDateTimeTests {
    @Test(arguments: [
        (Int64(1_745_753_233), Int32(-1), "2025-04-27T11:27:12.999999999Z"),
        (1_745_753_233, 1_000_000_000, "2025-04-27T11:27:14Z"),
        (1_745_753_233, -1_500_000_000, "2025-04-27T11:27:11.500Z"),
        (0, Int32.min, "1969-12-31T23:59:57.852516352Z"),
    ] as [(Int64, Int32, String)])
    func nanosecondsOutOfRangeCarry(seconds: Int64, nanos: Int32, expected: String) throws {
        var flow = Flow()
        flow.time = Google_Protobuf_Timestamp(seconds: seconds, nanos: nanos)
        let json = FlowEnvelope(flow: flow).hubbleJSONString()
        #expect(json.contains(#""time":"\#(expected)""#), "\(json)")
        // What was written reads back.
        let line = try Array(json.utf8).withUnsafeBytes { try FlowLineDecoder().decode($0) }
        #expect(line.envelope.flow.time.nanos >= 0)
    }

    @Test(arguments: [Int64.min, Int64.max, -1, 253_402_300_800])
    func anyNumberOfSecondsIsADate(seconds: Int64) {
        _ = UTCDateTime(seconds: seconds, nanos: -1)
        _ = UTCDateTime(seconds: seconds, nanos: 999_999_999)
        var text: [UInt8] = []
        RFC3339.append(Google_Protobuf_Timestamp(seconds: seconds, nanos: -5), to: &text)
        #expect(!text.isEmpty)
    }
}
