import ClusterSimulation
import FlowModel
import LoupeTestSupport
import PolicyEngine
import Testing

@testable import TrafficAnalysis

/// Observe the seed, suggest policies, put them in place of the seed's: the same conversations are
/// allowed and galaxy → echo is still denied.
struct SuggestionLoopTests {
    static func suggestion(_ options: PolicySuggestion.Options = PolicySuggestion.Options()) throws -> String {
        NetworkPolicyYAML.render(PolicySuggestion(try MapFormatGoldenTests.map("seed"), options: options))
    }

    static func verdict(_ scenario: Scenario, from: String, to: String) throws -> Bool {
        let answers = try scenario.explainPolicy(from: from, to: to)
        return answers.allSatisfy(\.verdict.allowed)
    }

    @Test func theSuggestionAllowsWhatWasSeenAndNothingMore() throws {
        let yaml = try Self.suggestion()
        try MapFormatGoldenTests.expectGolden(yaml, "seed.networkpolicy.yaml")
        var scenario = SeedScenario.load()
        scenario.policies = try PolicyDecoder.decode(yaml: yaml, file: "suggested.yaml")
        #expect(scenario.policies.count == 4)
        #expect(try Self.verdict(scenario, from: "universe/curl", to: "echo.echo.svc.cluster.local:80"))
        #expect(try Self.verdict(scenario, from: "universe/curl", to: "kube-dns.kube-system.svc.cluster.local:53/UDP"))
        #expect(try Self.verdict(scenario, from: "galaxy/curl", to: "kube-dns.kube-system.svc.cluster.local:53/UDP"))
        #expect(try !Self.verdict(scenario, from: "galaxy/curl", to: "echo.echo.svc.cluster.local:80"), "denied today, denied still")
        #expect(try !Self.verdict(scenario, from: "universe/curl", to: "echo/echo-5dc8fd6498-kfvj6:8080"), "a port never seen")
        #expect(try !Self.verdict(scenario, from: "universe/curl", to: "kube-dns.kube-system.svc.cluster.local:53/TCP"), "a protocol never seen")
    }

    @Test func droppedConversationsAreAllowedOnlyOnRequest() throws {
        var options = PolicySuggestion.Options()
        options.includeDropped = true
        var scenario = SeedScenario.load()
        scenario.policies = try PolicyDecoder.decode(yaml: try Self.suggestion(options), file: "suggested.yaml")
        #expect(try Self.verdict(scenario, from: "galaxy/curl", to: "echo.echo.svc.cluster.local:80"))
    }

    @Test func oneDirectionOnly() throws {
        var options = PolicySuggestion.Options()
        options.directions = [.ingress]
        let yaml = try Self.suggestion(options)
        #expect(!yaml.contains("Egress"))
        #expect(try PolicyDecoder.decode(yaml: yaml, file: "suggested.yaml").map(\.name).sorted() == ["coredns-allow-ingress", "echo-allow-ingress"])
    }
}

/// The same on a real capture, where some traffic cannot be named by a NetworkPolicy.
struct RealCaptureSuggestionTests {
    @Test func theSuggestionBreaksNothingItSaw() throws {
        let map = try MapFormatGoldenTests.map("real")
        let suggestion = PolicySuggestion(map)
        let yaml = NetworkPolicyYAML.render(suggestion)
        try MapFormatGoldenTests.expectGolden(yaml, "real.networkpolicy.yaml")
        let test = PolicyTest(map, policies: try PolicyDecoder.decode(yaml: yaml, file: "suggested.yaml"))
        #expect(test.passes, "\(test.results.filter { $0.change == .newlyDropped }.map(\.reason))")
        // reviews-v1 receives from the host, which no NetworkPolicy can name: it is left open.
        #expect(suggestion.notIsolated.contains { $0.target.name == "reviews-v1" && $0.direction == .ingress })
        #expect(!suggestion.policies.contains { $0.target.name == "reviews-v1" && $0.direction == .ingress })
    }

    /// `app: reviews` is on both versions: a policy for one uses its other stable labels too.
    @Test func aSelectorDoesNotTakeInAnotherWorkload() throws {
        let suggestion = PolicySuggestion(try MapFormatGoldenTests.map("real"))
        let reviews = try #require(suggestion.policies.first { $0.target.name == "reviews-v2" })
        #expect(reviews.selector["version"] == "v2")
        let ratings = try #require(suggestion.policies.first { $0.target.name == "ratings-v1" })
        #expect(ratings.selector == ["app": "ratings"], "no other workload has app: ratings")
    }
}
