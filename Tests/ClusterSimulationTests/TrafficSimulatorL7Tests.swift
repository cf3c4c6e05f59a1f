import ClusterSimulation
import FlowModel
import FlowOutput
import Foundation
import HubbleAPI
import LoupeTestSupport
import PolicyEngine
import SwiftProtobuf
import Testing

/// `scenarios/seed-l7.yaml` played as flows: CiliumNetworkPolicies decide, the proxy answers what L7
/// rules do not allow, a deny rule drops galaxy, and echo reaches the one name it may.
@Suite struct TrafficSimulatorL7Tests {
    static func scenario() throws -> Scenario {
        let url = Fixtures.checkout.appendingPathComponent("scenarios/seed-l7.yaml")
        return try ScenarioDecoder.decode(yaml: try String(contentsOf: url, encoding: .utf8), file: "scenarios/seed-l7.yaml")
    }

    static func flows() throws -> [Flow] {
        var simulator = TrafficSimulator(scenario: try scenario(), seed: 11, node: nil, start: TrafficSimulatorTests.start)
        return simulator.next(4_000)
    }

    @Test func getIsAllowedAndEverythingElseIsAnswered403ByTheProxy() throws {
        let flows = try Self.flows()
        let lines = try TrafficSimulatorTests.shapes(flows, masked: false)
        let universe = lines.filter { $0.hasPrefix("universe/curl:PORT (ID:93339)") && $0.contains("echo-5dc8fd6498-kfvj6:80") }
        #expect(universe.contains { $0.hasSuffix("http-request FORWARDED (HTTP/1.1 GET http://echo.echo.svc.cluster.local/)") })
        #expect(universe.contains { $0.hasSuffix("http-request DROPPED (HTTP/1.1 POST http://echo.echo.svc.cluster.local/)") })
        #expect(universe.contains { $0.hasSuffix("http-request DROPPED (HTTP/1.1 GET http://echo.echo.svc.cluster.local/api/v1/items)") })
        #expect(universe.contains { $0.contains("http-response FORWARDED (HTTP/1.1 403 0ms (POST http://echo.echo.svc.cluster.local/))") })
        #expect(!universe.contains { $0.contains("403") && $0.contains("(GET http://echo.echo.svc.cluster.local/)") })
        #expect(universe.contains { $0.hasSuffix("policy-verdict:L3-L4 INGRESS ALLOWED (TCP Flags: SYN)") })
        #expect(universe.contains { $0.hasSuffix("to-proxy FORWARDED (TCP Flags: SYN)") })
        // hubble prints a redirecting verdict as ALLOWED; the flow says REDIRECTED.

        let redirect = try #require(flows.first { $0.eventType.type == 5 && $0.verdict == .redirected })
        #expect(redirect.proxyPort == 14_201)
        #expect(redirect.ingressAllowedBy.map(\.name) == ["echo-ingress"])
        #expect(redirect.ingressAllowedBy.map(\.kind) == ["CiliumNetworkPolicy"])
        #expect(redirect.ingressAllowedBy.first?.labels.contains("k8s:io.cilium.k8s.policy.derived-from=CiliumNetworkPolicy") == true)
    }

    /// The same events as `hubble observe -o json` prints them, for jq scripts.
    @Test func theJSONCarriesTheVerdictsAndTheDecidingPolicies() throws {
        let flows = try Self.flows()
        var formatter = makeFormatter(.json, options: FormatOptions())
        var buffers = OutputBuffers()
        for flow in flows { formatter.write(FlowEnvelope(flow: flow), to: &buffers) }
        let lines = String(decoding: buffers.stdout, as: UTF8.self).split(separator: "\n")
        #expect(lines.contains { $0.contains(#""verdict":"DROPPED""#) && $0.contains(#""method":"POST""#) && $0.contains(#""type":"REQUEST""#) })
        #expect(lines.contains { $0.contains(#""code":403"#) })
        #expect(lines.contains { $0.contains(#""verdict":"REDIRECTED""#) && $0.contains(#""proxy_port":14201"#) })
        #expect(lines.contains { $0.contains(#""drop_reason_desc":"POLICY_DENY""#) && $0.contains(#""ingress_denied_by":[{"name":"echo-ingress","namespace":"echo""#) })
    }

    @Test func galaxyIsDroppedByTheDenyRule() throws {
        let flows = try Self.flows()
        let galaxy = flows.filter { $0.source.podName == "curl" && $0.source.namespace == "galaxy" && $0.destination.namespace == "echo" }
        let verdict = try #require(galaxy.first { $0.eventType.type == 5 })
        #expect(verdict.verdict == .dropped)
        #expect(verdict.dropReasonDesc == .policyDeny)
        #expect(verdict.dropReason == 181)
        #expect(verdict.ingressDeniedBy.map(\.name) == ["echo-ingress"])
        let drop = try #require(galaxy.first { $0.eventType.type == 1 })
        #expect(drop.dropReasonDesc == .policyDeny)
        #expect(!galaxy.contains { $0.type == .l7 }, "a connection dropped at L3 never reaches the proxy")
        let lines = try TrafficSimulatorTests.shapes(galaxy, masked: false)
        #expect(lines.contains { $0.hasSuffix("Policy denied by denylist DROPPED (TCP Flags: SYN)") })
    }

    @Test func echoReachesOnlyTheNameItMayThroughTheDNSProxy() throws {
        let flows = try Self.flows()
        let github = flows.filter { $0.eventType.type == 5 && $0.ip.destination == "140.82.112.5" }
        #expect(!github.isEmpty && github.allSatisfy { $0.verdict == .forwarded && $0.egressAllowedBy.map(\.name) == ["echo-egress"] })
        #expect(github.first?.policyMatchType == 2)
        let other = flows.filter { $0.eventType.type == 5 && $0.ip.destination == "93.184.215.14" }
        #expect(!other.isEmpty && other.allSatisfy { $0.verdict == .dropped && $0.dropReasonDesc == .policyDenied })
        // The names were asked through the proxy, whose rule allows them.
        #expect(flows.contains { $0.l7.dns.query == "api.github.com." && $0.l7.dns.ips == ["140.82.112.5"] })
    }

    @Test func aQueryNoDNSRuleAllowsIsRefused() throws {
        var scenario = try Self.scenario()
        let yaml = """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: dns-only-cluster, namespace: universe}
            spec:
              endpointSelector: {}
              egress:
              - toEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": kube-system}}]
                toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "**.cluster.local"}]}}]
              - toEntities: [world]
            """
        scenario.ciliumPolicies += try PolicyDecoder.decodeAll(yaml: yaml, file: "dns.yaml").cilium
        var traffic = scenario.traffic[0]
        traffic.to = "api.github.com"
        traffic.port = 443
        traffic.http = nil
        scenario.traffic = [traffic]
        var simulator = TrafficSimulator(scenario: scenario, seed: 3, node: nil, start: TrafficSimulatorTests.start)
        let flows = simulator.next(400)
        let refused = flows.filter { $0.l7.dns.rcode == 5 }
        // The search list's names are allowed (and do not exist); the name itself is refused.
        #expect(!refused.isEmpty && refused.allSatisfy { $0.l7.dns.query == "api.github.com." })
        #expect(flows.contains { $0.l7.dns.rcode == 3 && $0.l7.dns.query == "api.github.com.universe.svc.cluster.local." })
        #expect(refused.first?.summary.hasPrefix("DNS Answer RCode: Query Refused") == true)
        #expect(!flows.contains { $0.ip.destination == "140.82.112.5" }, "a refused lookup opens no connection")
    }

    @Test func nodesAreTheHostOrRemoteNodesByTheirReservedIdentities() throws {
        var scenario = try Self.scenario()
        scenario.ciliumPolicies += try PolicyDecoder.decodeAll(yaml: """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: echo-to-host, namespace: echo}
            spec:
              endpointSelector: {matchLabels: {app: echo}}
              egress: [{toEntities: [host]}]
            """, file: "host.yaml").cilium
        var toOwnNode = scenario.traffic[2]
        toOwnNode.to = "172.18.0.3"
        toOwnNode.port = 10250
        var toOtherNode = toOwnNode
        toOtherNode.to = "172.18.0.2"
        scenario.traffic = [toOwnNode, toOtherNode]
        var simulator = TrafficSimulator(scenario: scenario, seed: 5, node: nil, start: TrafficSimulatorTests.start)
        let verdicts = simulator.next(300).filter { $0.eventType.type == 5 }
        let own = verdicts.filter { $0.ip.destination == "172.18.0.3" }
        #expect(!own.isEmpty && own.allSatisfy { $0.verdict == .forwarded && $0.destination.identity == 1 && $0.destination.labels == ["reserved:host"] })
        #expect(own.first?.egressAllowedBy.map(\.name) == ["echo-to-host"])
        let other = verdicts.filter { $0.ip.destination == "172.18.0.2" }
        #expect(!other.isEmpty && other.allSatisfy { $0.verdict == .dropped && $0.destination.identity == 6 })
    }
}
