import Foundation
import LoupeTestSupport
import Testing

/// `loupe-agent scenario check` and `policy explain` as users run them.
@Suite struct AgentCommandTests {
    static let scenario = Fixtures.checkout.appendingPathComponent("scenarios/seed.yaml").path

    func agent(_ arguments: [String]) async throws -> LoupeProcess.Result {
        try await LoupeProcess.run(arguments, product: "loupe-agent")
    }

    @Test func theSeedScenarioChecks() async throws {
        let result = try await agent(["scenario", "check", Self.scenario])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix(": 3 nodes, 4 namespaces, 4 pods, 2 services, 1 policies, 2 traffic sources\n"))
    }

    @Test func policyExplainAnswersTheSeedsQuestion() async throws {
        let universe = try await agent(["policy", "explain", "--scenario", Self.scenario, "--from", "universe/curl", "--to", "echo.echo.svc.cluster.local:80"])
        #expect(universe.status == 0)
        #expect(universe.stdout.hasPrefix("universe/curl -> echo/echo-5dc8fd6498-kfvj6:80/TCP: ALLOWED\n"))
        #expect(universe.stdout.contains("allowed by echo/allow-universe-to-echo"))
        let galaxy = try await agent(["policy", "explain", "--scenario", Self.scenario, "--from", "galaxy/curl", "--to", "echo/echo-5dc8fd6498-kfvj6:80/TCP"])
        #expect(galaxy.stdout.hasPrefix("galaxy/curl -> echo/echo-5dc8fd6498-kfvj6:80/TCP: DENIED\n"))
    }

    @Test func policyExplainExitsOneWhenSomethingIsDenied() async throws {
        let l7 = Fixtures.checkout.appendingPathComponent("scenarios/seed-l7.yaml").path
        let get = try await agent(["policy", "explain", "--scenario", l7, "--from", "universe/curl", "--to", "echo.echo:80", "--http", "GET /"])
        #expect(get.status == 0)
        let post = try await agent(["policy", "explain", "--scenario", l7, "--from", "universe/curl", "--to", "echo.echo:80", "--http", "POST /", "-o", "json"])
        #expect(post.status == 1)
        #expect(post.stdout.hasPrefix(#"{"from":"universe/curl","to":"echo/echo-5dc8fd6498-kfvj6","port":80,"protocol":"TCP","allowed":false,"#))
        let matrix = try await agent(["policy", "explain", "--scenario", l7, "--matrix", "--port", "80", "--port", "53/udp"])
        #expect(matrix.status == 1)
        #expect(matrix.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("-\t") }.count == 2)
        let usage = try await agent(["policy", "explain", "--scenario", l7, "--matrix", "--from", "galaxy/curl"])
        #expect(usage.status == 2)
    }

    @Test func badInputIsAUsageError() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString).yaml")
        try "nodes: [{name: n1}]\nnamespaces: [{name: a}]\npods: [{name: p, namespace: b, node: n1, ip: 10.0.0.1}]\n"
            .write(to: url, atomically: true, encoding: .utf8)
        let bad = try await agent(["scenario", "check", url.path])
        #expect(bad.status == 2)
        #expect(bad.stderr == "loupe-agent: \(url.path):3: pods[0].namespace: namespace \"b\" is not declared in namespaces\n")
        let missing = try await agent(["policy", "explain", "--scenario", Self.scenario, "--from", "x/y", "--to", "a/b:80"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--from x/y: no such pod"))
    }
}
