import AgentServer
import FlowModel
import Foundation
import HubbleAPI
import SwiftProtobuf
import Testing

/// ServerStatus's flows_rate: over the last minute, or over what the ring holds when that is less.
@Suite struct FlowHubStatusTests {
    static func flows(rate: Double, count: Int, endingAt end: Double) -> [Flow] {
        (0..<count).map { index in
            var flow = Flow()
            flow.time = Google_Protobuf_Timestamp(date: Date(timeIntervalSince1970: end - Double(count - 1 - index) / rate))
            return flow
        }
    }

    @Test(arguments: [20_100.0, 100.0, 5.0])
    func theRateIsNotCappedByTheRing(rate: Double) {
        let now = 1_700_000_000.0
        let hub = FlowHub(nodeName: "n", cluster: "c", capacity: 4095, startedAt: Date(timeIntervalSince1970: now - 600))
        hub.publish(Self.flows(rate: rate, count: 10_000, endingAt: now).map { .flow($0) })
        let status = hub.status(now: Date(timeIntervalSince1970: now))
        // Within 10 % of the rate the flows came at (a ring of 4,095 at 20,100/s spans 0.2 s).
        let expected = rate * 60 < 4095 ? Double(Int(rate * 60) + 1) / 60 : rate
        #expect(abs(status.flowsRate - expected) / expected < 0.1, "\(status.flowsRate) for \(rate)")
    }
}

/// A simulated cluster's uptime includes the history in its ring: seen flows over uptime (hubble's
/// FLOWS/S of `list nodes`) and flows_rate agree.
@Suite struct SimulatedUptimeTests {
    @Test func anAgentUpForLessThanAMinuteRatesOverItsUptime() {
        let now = 1_700_000_000.0
        let hub = FlowHub(nodeName: "n", cluster: "c", capacity: 4095, startedAt: Date(timeIntervalSince1970: now - 30))
        hub.publish(FlowHubStatusTests.flows(rate: 100, count: 3_000, endingAt: now).map { .flow($0) })
        let status = hub.status(now: Date(timeIntervalSince1970: now))
        #expect(abs(status.flowsRate - 100) < 5, "\(status.flowsRate)")
        let perUptime = Double(status.seenFlows) / (Double(status.uptimeNanoseconds) / 1e9)
        #expect(abs(perUptime - status.flowsRate) < 5)
    }
}
