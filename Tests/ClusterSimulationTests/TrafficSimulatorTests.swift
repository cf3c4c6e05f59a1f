import ClusterSimulation
import FlowModel
import FlowOutput
import Foundation
import HubbleAPI
import LoupeTestSupport
import SwiftProtobuf
import Testing

/// The seed scenario played as flows: the datapath shapes of `fixtures/seed/compact.txt`, decided by
/// the seed's NetworkPolicy.
@Suite struct TrafficSimulatorTests {
    static let start: Int64 = 1_745_753_171_000_000_000

    static func flows(seed: UInt64 = 7, node: String? = nil, count: Int = 600) -> [Flow] {
        var simulator = TrafficSimulator(scenario: SeedScenario.load(), seed: seed, node: node, start: start)
        return simulator.next(count)
    }

    /// Compact lines as a live server shows them (reference default field mask), without the time
    /// and with ephemeral ports and DNS answers replaced, so that runs compare by shape.
    static func shapes(_ flows: [Flow], masked: Bool = true) throws -> [String] {
        let mask = try FlowFieldMask(paths: masked ? FlowFieldMask.referenceDefaultPaths : [])
        var formatter = makeFormatter(.compact, options: FormatOptions())
        var buffers = OutputBuffers()
        for flow in flows { formatter.write(FlowEnvelope(flow: mask.apply(to: flow)), to: &buffers) }
        return String(decoding: buffers.stdout, as: UTF8.self).split(separator: "\n").map { normalise(String($0)) }
    }

    static func normalise(_ line: String) -> String {
        var text = line
        if let colon = text.firstRange(of: ": ") { text = String(text[colon.upperBound...]) }
        text = text.replacing(/curl:\d+/, with: "curl:PORT")
        text = text.replacing(/"\d+\.\d+\.\d+\.\d+"/, with: "\"ADDRESS\"")
        return text
    }

    /// The seed's lines come from a live server (default mask: `policy-verdict:none`,
    /// `TRAFFIC_DIRECTION_UNKNOWN`) and from a capture read whole (`pre-xlate-fwd`).
    @Test func everyShapeOfTheSeedCaptureAppears() throws {
        let flows = Self.flows()
        let produced = Set(try Self.shapes(flows)).union(try Self.shapes(flows, masked: false))
        let seed = try Fixtures.lines(try Fixtures.corpus("seed").appendingPathComponent("compact.txt")).prefix(60).map(Self.normalise)
        let missing = Set(seed).subtracting(produced)
        #expect(missing.isEmpty, "seed shapes the simulation never produced:\n\(missing.sorted().joined(separator: "\n"))")
    }

    @Test func universeReachesEchoAndGalaxyIsDroppedByPolicy() throws {
        let lines = try Self.shapes(Self.flows())
        let universe = lines.filter { $0.hasPrefix("universe/curl:PORT (ID:93339)") && $0.contains("echo/echo-5dc8fd6498-kfvj6:80 (ID:71969)") }
        #expect(universe.contains { $0.hasSuffix("policy-verdict:none TRAFFIC_DIRECTION_UNKNOWN ALLOWED (TCP Flags: SYN)") })
        #expect(universe.contains { $0.hasSuffix("-> echo/echo-5dc8fd6498-kfvj6:80 (ID:71969) to-endpoint FORWARDED (TCP Flags: SYN)") })
        #expect(universe.contains { $0.hasSuffix("<- echo/echo-5dc8fd6498-kfvj6:80 (ID:71969) to-endpoint FORWARDED (TCP Flags: SYN, ACK)") })
        let galaxy = lines.filter { $0.hasPrefix("galaxy/curl:PORT (ID:102210)") && $0.contains("echo-5dc8fd6498-kfvj6") }
        #expect(galaxy.contains { $0.hasSuffix("<> echo/echo-5dc8fd6498-kfvj6:80 (ID:71969) Policy denied DROPPED (TCP Flags: SYN)") })
        #expect(galaxy.contains { $0.hasSuffix("policy-verdict:none TRAFFIC_DIRECTION_UNKNOWN DENIED (TCP Flags: SYN)") })
        #expect(!galaxy.contains { $0.contains("to-endpoint") }, "galaxy's traffic must never reach the endpoint")
        #expect(!galaxy.contains { $0.contains("SYN, ACK") })
    }

    @Test func deniedSYNsAreRetransmittedAfterOneAndThreeSeconds() {
        let drops = Self.flows(count: 3000).filter { $0.verdict == .dropped && $0.eventType.type == 1 }
        let seconds = { (flow: Flow) in Double(flow.time.seconds) + Double(flow.time.nanos) / 1e9 }
        // Every first attempt (no earlier drop of that port within 4 s) is followed by two more.
        let byPort = Dictionary(grouping: drops) { $0.l4.tcp.sourcePort }
        var checked = 0
        for attempts in byPort.values {
            let times = attempts.map(seconds).sorted()
            guard let first = times.first, times.last! < seconds(drops.last!) - 3.5 || times.count >= 3 else { continue }
            guard first + 3.5 < seconds(drops.last!) else { continue }
            let window = times.filter { $0 < first + 3.5 }
            #expect(window.count == 3, "\(times)")
            if window.count == 3 {
                #expect(abs(window[1] - first - 1) < 0.01 && abs(window[2] - first - 3) < 0.01, "\(window)")
            }
            checked += 1
        }
        #expect(checked > 5)
    }

    @Test func flowsCarryWhatCiliumReports() {
        let flows = Self.flows()
        let verdict = flows.first { $0.eventType.type == 5 && $0.verdict == .forwarded }!
        #expect(verdict.trafficDirection == .ingress)
        #expect(verdict.ingressAllowedBy.map(\.name) == ["allow-universe-to-echo"])
        #expect(verdict.ingressAllowedBy.first?.namespace == "echo")
        let drop = flows.first { $0.eventType.type == 1 }!
        #expect(drop.dropReasonDesc == .policyDenied && drop.eventType.subType == 133 && drop.dropReason == 133)
        #expect(drop.nodeName == "kind-kind/kind-worker" && drop.destination.id == 412)
        let overlay = flows.first { $0.traceObservationPoint == .toOverlay }!
        #expect(overlay.interface.name == "cilium_vxlan" && overlay.nodeName == "kind-kind/kind-worker2")
        #expect(overlay.source.labels.contains("k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=\(overlay.source.namespace)"))
        #expect(overlay.nodeLabels.contains("kubernetes.io/hostname=kind-worker2"))
        let answer = flows.first { $0.l7.type == .response && !$0.l7.dns.ips.isEmpty }!
        #expect(answer.l7.dns.ips == ["10.96.112.175"] && answer.isReply.value)
        #expect(answer.l7.dns.query == "echo.echo.svc.cluster.local.")
        let miss = flows.first { $0.l7.type == .response && $0.l7.dns.rcode == 3 }!
        #expect(miss.summary == "DNS Answer RCode: Non-Existent Domain TTL: 0 (Proxy echo.echo.svc.cluster.local.\(miss.destination.namespace).svc.cluster.local. A)")
        let request = flows.first { $0.l7.type == .request && !$0.l7.http.method.isEmpty }!
        #expect(request.summary == "HTTP/1.1 GET http://echo.echo.svc.cluster.local/" && request.nodeName == "kind-kind/kind-worker")
        #expect(flows.contains { $0.l7.type == .response && $0.l7.http.code == 200 && $0.summary.hasPrefix("HTTP/1.1 200 ") })
        #expect(flows.allSatisfy { $0.hasTime && !$0.uuid.isEmpty && $0.emitter.name == "Hubble" })
        let times = flows.map { Int64($0.time.seconds) * 1_000_000_000 + Int64($0.time.nanos) }
        #expect(times == times.sorted(), "flows come out in time order")
    }

    @Test func theSameSeedGivesTheSameFlows() {
        #expect(Self.flows(seed: 42, count: 200) == Self.flows(seed: 42, count: 200))
        #expect(Self.flows(seed: 42, count: 200) != Self.flows(seed: 43, count: 200))
    }

    @Test func oneNodeSeesOnlyItsOwnEvents() {
        let flows = Self.flows(node: "kind-worker", count: 300)
        #expect(flows.count == 300)
        #expect(flows.allSatisfy { $0.nodeName == "kind-kind/kind-worker" })
        #expect(Self.flows(node: "kind-control-plane", count: 10).isEmpty, "no traffic is observed on the control plane")
    }

    @Test func theRateSetsTheFlowsPerSecondOfVirtualTime() {
        var simulator = TrafficSimulator(scenario: SeedScenario.load(), seed: 1, start: Self.start)
        simulator.setRate(500)
        let flows = simulator.next(20_000)
        let span = Double(flows.last!.time.seconds - flows.first!.time.seconds)
        let rate = Double(flows.count) / span
        #expect(rate > 400 && rate < 600, "\(rate) flows/s")
    }

    @Test func theBuiltInSeedIsTheShippedScenarioFile() throws {
        let file = try String(contentsOf: Fixtures.checkout.appendingPathComponent("scenarios/seed.yaml"), encoding: .utf8)
        #expect(SeedScenario.yaml == file)
    }
}
