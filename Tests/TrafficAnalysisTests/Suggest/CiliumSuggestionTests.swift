import ClusterSimulation
import FlowModel
import LoupeTestSupport
import PolicyEngine
import Testing

@testable import TrafficAnalysis

/// `policy suggest --kind cilium`: CiliumNetworkPolicies that Cilium's engine (loupe-agent's) takes,
/// allowing what was seen and nothing more, with HTTP rules from the requests seen (`--l7`).
struct CiliumSuggestionTests {
    static func options(l7: Bool = true) -> PolicySuggestion.Options {
        var options = PolicySuggestion.Options()
        options.kind = .cilium
        options.l7 = l7
        return options
    }

    static func allowed(_ scenario: Scenario, from: String, to: String, http: String? = nil) throws -> Bool {
        try scenario.explainPolicy(.init(from: from, to: to, http: http)).allSatisfy(\.allowed)
    }

    @Test func theLoopClosesOnTheSeed() throws {
        let yaml = CiliumPolicyYAML.render(PolicySuggestion(try MapFormatGoldenTests.map("seed"), options: Self.options()))
        try MapFormatGoldenTests.expectGolden(yaml, "seed.cilium.yaml")
        var scenario = SeedScenario.load()
        let policies = try PolicyDecoder.decodeAll(yaml: yaml, file: "suggested.yaml")
        #expect(policies.kubernetes.isEmpty && policies.cilium.count == 4)
        scenario.policies = []
        scenario.ciliumPolicies = policies.cilium
        #expect(try Self.allowed(scenario, from: "universe/curl", to: "echo.echo.svc.cluster.local:80", http: "GET /"))
        #expect(try Self.allowed(scenario, from: "universe/curl", to: "echo.echo.svc.cluster.local:80", http: "GET /echo?msg=hello"))
        #expect(try Self.allowed(scenario, from: "universe/curl", to: "kube-dns.kube-system.svc.cluster.local:53/UDP"))
        #expect(try !Self.allowed(scenario, from: "galaxy/curl", to: "echo.echo.svc.cluster.local:80"), "denied today, denied still")
        #expect(try !Self.allowed(scenario, from: "universe/curl", to: "echo.echo.svc.cluster.local:80", http: "DELETE /"), "a request never seen")
        #expect(try !Self.allowed(scenario, from: "universe/curl", to: "echo.echo.svc.cluster.local:80", http: "GET /admin"))
        #expect(try !Self.allowed(scenario, from: "universe/curl", to: "echo/echo-5dc8fd6498-kfvj6:8080"), "a port never seen")
    }

    @Test func withoutL7ThePortsOnly() throws {
        let yaml = CiliumPolicyYAML.render(PolicySuggestion(try MapFormatGoldenTests.map("seed"), options: Self.options(l7: false)))
        #expect(!yaml.contains("http:"))
        var scenario = SeedScenario.load()
        scenario.policies = []
        scenario.ciliumPolicies = try PolicyDecoder.decodeAll(yaml: yaml, file: "suggested.yaml").cilium
        #expect(try Self.allowed(scenario, from: "universe/curl", to: "echo.echo.svc.cluster.local:80", http: "DELETE /"))
    }

    /// On the real capture, Cilium's kind names what a NetworkPolicy cannot (the host, names seen
    /// in DNS answers), so fewer workloads are left open, and nothing seen is broken.
    @Test func theRealCaptureNamesEntitiesAndBreaksNothing() throws {
        let map = try MapFormatGoldenTests.map("real")
        let suggestion = PolicySuggestion(map, options: Self.options())
        let yaml = CiliumPolicyYAML.render(suggestion)
        try MapFormatGoldenTests.expectGolden(yaml, "real.cilium.yaml")
        let policies = try PolicyDecoder.decodeAll(yaml: yaml, file: "suggested.yaml")
        let test = PolicyTest(map, policies: [], ciliumPolicies: policies.cilium)
        #expect(test.passes, "\(test.results.filter { $0.change == .newlyDropped }.map(\.reason))")
        #expect(suggestion.policies.contains { $0.target.name == "reviews-v1" && $0.direction == .ingress })
        #expect(suggestion.notIsolated.count < PolicySuggestion(map).notIsolated.count)
    }
}
