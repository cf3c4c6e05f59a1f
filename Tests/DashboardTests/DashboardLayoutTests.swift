import Dashboard
import FlowModel
import Foundation
import HubbleAPI
import SwiftProtobuf
import Testing

/// What the dashboard shows at 80×24 and beside a relay's nodes: names get the room, nothing is cut
/// at the edge, the rates leave out the backlog, a capture's times read as the capture's.
@Suite struct DashboardLayoutTests {
    static let small = Size(width: 80, height: 24)

    static func rows(_ screen: Screen) -> [String] { (4..<23).map { screen.text(row: $0) } }

    @Test func at80ColumnsTheNamesGetTheRoomAndTheKeyBarIsWhole() throws {
        var state = try DashboardStateTests.state(size: Self.small)
        var screen = state.render(size: Self.small)
        // `echo/echo-5dc8fd6498-…` was cut to 13 cells.
        #expect(Self.rows(screen).contains { $0.contains("echo/echo-5dc8fd6498") })
        #expect(screen.text(row: 23).hasSuffix("n node"))
        state.apply(.key(.character("n")))
        screen = state.render(size: Self.small)
        let header = screen.text(row: 3)
        #expect(header.contains("NODE") && header.contains("SOURCE"))
        // Node names without their cluster; the names keep at least 14 cells.
        #expect(Self.rows(screen).allSatisfy { !$0.contains("kind-kind/") })
        let source = header.range(of: "SOURCE")!, destination = header.range(of: "DESTINATION")!
        #expect(header.distance(from: source.lowerBound, to: destination.lowerBound) >= 15)
    }

    @Test func theConnectionSummaryKeepsItsPlaceBesideLargeCounts() throws {
        var state = DashboardState(size: Self.small, now: Date(timeIntervalSince1970: 1_700_000_100), colors: .monochrome)
        state.apply(.connection(ServerState(server: "relay:4245", connection: .connected)))
        var envelopes: [FlowEnvelope] = []
        for (index, verdict) in [Flow_Verdict.forwarded, .dropped, .error, .audit, .redirected, .traced, .translated].enumerated() {
            for _ in 0..<(index + 1) * 3 {
                var flow = Flow()
                flow.verdict = verdict
                flow.time = Google_Protobuf_Timestamp(seconds: 1_700_000_000)
                envelopes.append(FlowEnvelope(flow: flow))
            }
        }
        state.apply(.flows(envelopes))
        let line = state.render(size: Self.small).text(row: 1)
        #expect(line.hasSuffix("relay:4245: connected"))
        #expect(line.hasPrefix("FWD 3  DROP 6"))
    }

    @Test func aServerAndItsNodesAreToldApart() throws {
        var state = try DashboardStateTests.state(size: Self.small)
        var status = FlowEnvelope()
        status.nodeStatus.stateChange = .nodeConnected
        status.nodeStatus.nodeNames = ["kind-kind/kind-worker", "kind-kind/kind-worker2", "kind-kind/kind-control-plane"]
        state.apply(.flows([status]))
        #expect(state.render(size: Self.small).text(row: 1).hasSuffix("demo: connected · 3/3 nodes"))
        var worker = Observer_Node()
        worker.name = "kind-kind/kind-worker"
        worker.state = .nodeConnected
        worker.numFlows = 2_027
        worker.maxFlows = 4_095
        state.apply(.nodes([NodeState(worker)]))
        state.apply(.key(.character("4")))
        let rows = Self.rows(state.render(size: Self.small))
        let row = rows.first { $0.hasPrefix("kind-worker ") }
        #expect(row?.contains("2,027/4,095 (49%)") == true, "\(rows)")
        #expect(rows.first { $0.hasPrefix("kind-worker2") }?.contains("connected") == true)
    }

    @Test func theBacklogAServerSendsFirstIsNotCountedInTheRate() {
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        var state = DashboardState(size: Self.small, now: start, colors: .monochrome)
        state.liveSince = start
        func flows(at seconds: Double, count: Int) -> [FlowEnvelope] {
            (0..<count).map { _ in
                var flow = Flow()
                flow.time = Google_Protobuf_Timestamp(date: Date(timeIntervalSince1970: seconds))
                return FlowEnvelope(flow: flow)
            }
        }
        // 4,000 flows of the last minute arrive at once, then 100 a second.
        state.apply(.flows(flows(at: start.timeIntervalSince1970 - 30, count: 4_000)))
        for second in 1...3 {
            let now = start.addingTimeInterval(Double(second))
            state.apply(.tick(now))
            state.apply(.flows(flows(at: now.timeIntervalSince1970, count: 100)))
        }
        state.apply(.tick(start.addingTimeInterval(4)))
        #expect(state.rate.perSecond == 100)
        #expect(state.rate.history.max() == 100)
        #expect(state.received == 4_300)
    }

    @Test func aCapturesTimesAreItsOwn() throws {
        var state = try DashboardStateTests.state(size: Self.small)
        state.clock = .data
        // A day later on the wall clock: a capture's rows still read as the capture.
        state.apply(.tick(state.now.addingTimeInterval(86_400)))
        state.apply(.key(.character("2")))
        let rows = Self.rows(state.render(size: Self.small))
        #expect(!rows.joined().contains("ago"))
        #expect(rows.first?.contains(":27:14") == true, "\(rows)")
    }

    @Test func theDropsViewNamesTheDenyingPolicies() throws {
        var state = DashboardState(size: Self.small, now: Date(timeIntervalSince1970: 1_700_000_100), colors: .monochrome)
        var flow = Flow()
        flow.verdict = .dropped
        flow.dropReasonDesc = .policyDeny
        flow.trafficDirection = .ingress
        flow.time = Google_Protobuf_Timestamp(seconds: 1_700_000_000)
        flow.destination.namespace = "echo"
        var policy = Flow_Policy()
        policy.name = "deny-galaxy"
        policy.namespace = "echo"
        flow.ingressDeniedBy = [policy]
        state.apply(.flows([FlowEnvelope(flow: flow)]))
        state.apply(.key(.character("3")))
        #expect(Self.rows(state.render(size: Self.small)).first?.contains("echo/deny-galaxy") == true)
    }

    @Test func talkersShowWhichColumnTheySortBy() throws {
        var state = try DashboardStateTests.state(size: Self.small)
        state.apply(.key(.character("2")))
        #expect(state.render(size: Self.small).text(row: 3).contains("FLOWS ▼"))
        state.apply(.key(.character("s")))
        #expect(state.render(size: Self.small).text(row: 3).contains("DROPS ▼"))
    }
}
