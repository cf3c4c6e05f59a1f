@testable import FlowClient
import FlowModel
import HubbleAPI
import SwiftProtobuf
import Testing

/// A resumed stream repeats nothing: older flows, and flows at the resume instant already
/// delivered, are dropped until the stream passes that instant.
@Suite struct ResumePointTests {
    static func flow(_ nanoseconds: Int64, _ uuid: String) -> FlowEnvelope {
        var flow = FlowMergerTests.flow(nanoseconds, node: "n").flow
        flow.uuid = uuid
        return FlowEnvelope(flow: flow)
    }

    /// The ids of the flows `point` admits.
    static func admitted(_ flows: [(Int64, String)], by point: inout ResumePoint) -> [String] {
        flows.filter { point.admit(flow($0.0, $0.1)) }.map(\.1)
    }

    @Test func aResumedStreamDropsWhatWasDelivered() {
        var point = ResumePoint()
        #expect(point.since == nil)
        let first = Self.admitted([(10, "a"), (20, "b"), (30, "c"), (30, "d")], by: &point)
        #expect(first == ["a", "b", "c", "d"])
        #expect(point.since == Google_Protobuf_Timestamp(seconds: 1_700_000_000, nanos: 30))
        point.startResuming()
        // The server sends from `since` on: c and d again, a new flow at that instant, later ones;
        // past the resume instant nothing is dropped any more, not even a late flow (g).
        let resumed = Self.admitted([(20, "b"), (30, "c"), (30, "d"), (30, "e"), (40, "f"), (35, "g")], by: &point)
        #expect(resumed == ["e", "f", "g"])
        #expect(point.since == Google_Protobuf_Timestamp(seconds: 1_700_000_000, nanos: 40))
    }

    @Test func recordsOtherThanFlowsAlwaysPass() {
        var point = ResumePoint()
        _ = point.admit(Self.flow(10, "a"))
        point.startResuming()
        var lost = FlowEnvelope()
        lost.lostEvents.numEventsLost = 3
        let admitted = point.admit(lost)
        #expect(admitted)
    }

    @Test func timesBeforeTheEpochMakeAValidSince() {
        var point = ResumePoint()
        var flow = Flow()
        flow.time = Google_Protobuf_Timestamp(seconds: -2, nanos: 500)
        _ = point.admit(FlowEnvelope(flow: flow))
        #expect(point.since == Google_Protobuf_Timestamp(seconds: -2, nanos: 500))
    }
}

/// Backoff doubles from the first delay up to the cap, and jitter stays within its fraction.
@Suite struct RetryPolicyTests {
    @Test func delaysDoubleUpToTheCap() {
        let policy = RetryPolicy(initial: .milliseconds(100), maximum: .seconds(1), jitter: 0.2)
        let delays = (0..<6).map { policy.delay(attempt: $0, random: 0) }
        #expect(delays == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1)])
    }

    @Test func jitterStaysWithinItsFraction() {
        let policy = RetryPolicy(initial: .milliseconds(100), maximum: .seconds(1), jitter: 0.2)
        #expect(policy.delay(attempt: 0, random: 1) == .milliseconds(120))
        #expect(policy.delay(attempt: 0, random: -1) == .milliseconds(80))
        for _ in 0..<100 {
            let delay = policy.delay(attempt: 10)
            #expect(delay >= .milliseconds(800) && delay <= .milliseconds(1200))
        }
    }
}
