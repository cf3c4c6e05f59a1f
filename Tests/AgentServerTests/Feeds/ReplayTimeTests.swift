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

/// A capture with a long silence keeps flowing: pauses longer than `--max-gap` are shortened and
/// counted, shorter ones and the order are kept.
@Suite struct ReplayGapTests {
    static func flow(_ seconds: Int64) -> Flow {
        var flow = Flow()
        flow.time = Google_Protobuf_Timestamp(seconds: seconds, nanos: 0)
        return flow
    }

    static func times(_ feed: inout ReplayFeed, _ count: Int) -> [Int64] {
        (0..<count).compactMap { _ in feed.next().map { FlowPacer.nanoseconds($0.time) / 1_000_000_000 } }
    }

    @Test func longPausesAreShortenedToTheMaximum() {
        // 2.5 years between the second and third flow, 5 s between the last two.
        let flows = [Self.flow(1_000), Self.flow(1_000), Self.flow(1_000 + 78_840_000), Self.flow(1_000 + 78_840_000 + 5)]
        var feed = ReplayFeed(flows: flows, loop: false, maxGap: 1_000_000_000)
        #expect(feed.shortenedGaps.count == 2)
        #expect(feed.shortenedGaps.longest == 78_840_000 * 1_000_000_000)
        #expect(Self.times(&feed, 4) == [1_000, 1_000, 1_001, 1_002])
        var kept = ReplayFeed(flows: flows, loop: false, maxGap: nil)
        #expect(kept.shortenedGaps.count == 0)
        #expect(Self.times(&kept, 4) == [1_000, 1_000, 1_000 + 78_840_000, 1_000 + 78_840_005])
    }

    @Test func aLoopedCaptureOfExtremeTimesNeverTraps() {
        var feed = ReplayFeed(flows: [Self.flow(32_503_680_000), Self.flow(-32_503_680_000)], loop: true, maxGap: nil)
        for _ in 0..<10 { #expect(feed.next() != nil) }
    }
}
