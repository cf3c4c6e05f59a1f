@testable import AgentServer
import FlowModel
import HubbleAPI
import SwiftProtobuf
import Testing

/// A capture's times come from a file: one beyond what nanoseconds since 1970 can hold (after 2262,
/// before 1677) is taken as the last or first representable instant, never a trap.
@Suite struct ReplayTimeTests {
    @Test func timesOutOfRangeSaturate() {
        #expect(FlowPacer.nanoseconds(Google_Protobuf_Timestamp(seconds: 32_503_680_000, nanos: 0)) == .max)  // year 3000
        #expect(FlowPacer.nanoseconds(Google_Protobuf_Timestamp(seconds: -32_503_680_000, nanos: 0)) == .min)
        #expect(FlowPacer.nanoseconds(Google_Protobuf_Timestamp(seconds: 9_223_372_036, nanos: 999_999_999)) == .max)
        #expect(FlowPacer.nanoseconds(Google_Protobuf_Timestamp(seconds: 1_700_000_000, nanos: 5)) == 1_700_000_000_000_000_005)
    }

    @Test func aFeedOfAFlowAfter2262Starts() {
        var flow = Flow()
        flow.time = Google_Protobuf_Timestamp(seconds: 32_503_680_000, nanos: 0)
        var feed = ReplayFeed(flows: [flow], loop: false)
        #expect(feed.next() != nil)
    }
}
