import FlowModel
import HubbleAPI
import PolicyEngine
import Testing

@testable import TrafficAnalysis

struct PolicyTestTests {
    static func policies(_ yaml: String) throws -> [NetworkPolicy] {
        try PolicyDecoder.decode(yaml: yaml, file: "proposed.yaml")
    }

    static let tight = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: echo-only-8080, namespace: echo}
        spec:
          podSelector: {matchLabels: {app: echo}}
          ingress:
          - ports: [{port: 8080}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: no-egress, namespace: universe}
        spec:
          podSelector: {}
          policyTypes: [Egress]
        """

    @Test func theSuggestionBreaksNothing() throws {
        let map = try MapFormatGoldenTests.map("seed")
        let suggested = try Self.policies(NetworkPolicyYAML.render(PolicySuggestion(map)))
        let test = PolicyTest(map, policies: suggested)
        #expect(test.passes)
        #expect(test.results.allSatisfy { $0.change == .unchanged })
        #expect(test.results.count == 4)
    }

    /// A policy set too tight names exactly the conversations it breaks, and why.
    @Test func aTooTightSetNamesWhatItBreaks() throws {
        let test = PolicyTest(try MapFormatGoldenTests.map("seed"), policies: try Self.policies(Self.tight))
        #expect(!test.passes)
        let broken = test.results.filter { $0.change == .newlyDropped }.map { "\($0.key.source.label) → \($0.key.destination.label) \($0.key.portLabel)" }
        #expect(broken == ["universe/curl → echo/echo TCP/80", "universe/curl → kube-system/coredns UDP/53"])
        #expect(test.results.first?.reason.contains("echo/echo-only-8080 selects it") == true)
        try MapFormatGoldenTests.expectGolden(PolicyTestReport.text(test), "seed-too-tight.policytest")
        try MapFormatGoldenTests.expectGolden(PolicyTestReport.json(test), "seed-too-tight.policytest.json")
    }

    /// Cilium's policies are judged with Cilium's semantics: a deny rule, an L4-only rule.
    @Test func ciliumPoliciesAreJudgedToo() throws {
        let proposed = try PolicyDecoder.decodeAll(yaml: """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: echo-web, namespace: echo}
            spec:
              endpointSelector: {matchLabels: {app: echo}}
              ingress:
              - toPorts: [{ports: [{port: "80", protocol: TCP}]}]
              ingressDeny:
              - fromEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": universe}}]
            """, file: "proposed.yaml")
        let test = PolicyTest(try MapFormatGoldenTests.map("seed"), policies: proposed.kubernetes, ciliumPolicies: proposed.cilium)
        #expect(!test.passes)
        let broken = test.results.filter { $0.change == .newlyDropped }
        #expect(broken.map { "\($0.key.source.label) → \($0.key.destination.label)" } == ["universe/curl → echo/echo"])
        #expect(broken.first?.reason == "ingress denied by a deny rule of echo/echo-web")
        #expect(test.results.filter { $0.change == .newlyAllowed }.map(\.key.source.label) == ["galaxy/curl"])
    }

    /// HTTP requests seen are judged by the proxy the proposed L7 rules put in the way.
    @Test func l7RulesThatRefuseRequestsSeenBreakTheConversation() throws {
        let proposed = try PolicyDecoder.decodeAll(yaml: """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: echo-get-root, namespace: echo}
            spec:
              endpointSelector: {matchLabels: {app: echo}}
              ingress:
              - fromEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": universe}}]
                toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: GET, path: /}]}}]
            """, file: "proposed.yaml")
        let test = PolicyTest(try MapFormatGoldenTests.map("seed"), policies: [], ciliumPolicies: proposed.cilium)
        let broken = try #require(test.results.first { $0.change == .newlyDropped })
        #expect(broken.key.source.label == "universe/curl" && broken.key.destination.label == "echo/echo")
        #expect(broken.reason.contains("; the proxy would answer 403 to "))
        #expect(broken.reason.hasSuffix("the proxy would answer 403 to GET /api/v1/items, GET /api/v1/items/42, GET /echo, GET /static/app.js, POST /"))
    }

    @Test func anOpenSetAllowsWhatWasDenied() throws {
        // No policy at all: what the seed's policy denied would pass.
        let test = PolicyTest(try MapFormatGoldenTests.map("seed"), policies: [])
        #expect(test.passes)
        #expect(test.results.filter { $0.change == .newlyAllowed }.map(\.key.source.label) == ["galaxy/curl"])
    }

    @Test func whatTheFlowsDoNotSayIsUnknown() throws {
        var flow = Flow()
        flow.verdict = .forwarded
        flow.source.namespace = "a"
        flow.source.podName = "client"
        flow.destination.namespace = "b"
        flow.destination.podName = "server"
        flow.l4.tcp.destinationPort = 80
        var map = TrafficMap()
        map.add(flow)
        let test = PolicyTest(map, policies: [])
        #expect(test.results.map(\.change) == [.unknown])
        #expect(test.results.first?.reason == "the flows carry no labels for a/client")
        #expect(test.passes, "unknown is not a break")
    }
}
