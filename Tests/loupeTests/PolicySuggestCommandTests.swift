import Foundation
import LoupeTestSupport
import Testing

/// `loupe policy suggest` as a user runs it; `loupe-agent scenario check` takes what it writes.
struct PolicySuggestCommandTests {
    @Test func suggestsPoliciesTheAgentAccepts() async throws {
        let suggested = try await LoupeProcess.run(["policy", "suggest", "--input-file", MapCommandTests.seed])
        #expect(suggested.status == 0, "\(suggested.stderr)")
        #expect(suggested.stdout.contains("#   galaxy/curl → echo/echo TCP/80: 74 flows dropped"))
        #expect(suggested.stdout.components(separatedBy: "kind: NetworkPolicy").count == 5)

        // The seed scenario with the suggestion in place of its policies.
        let seed = try String(contentsOf: Fixtures.checkout.appendingPathComponent("scenarios/seed.yaml"), encoding: .utf8)
        guard let policies = seed.range(of: "\npolicies:\n"), let traffic = seed.range(of: "\n# curl from both namespaces") else {
            Issue.record("the seed scenario changed its layout")
            return
        }
        let manifests = suggested.stdout.components(separatedBy: "---\n").dropFirst().map { document in
            "  - " + document.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n    ")
        }.joined(separator: "\n")
        let scenario = seed[..<policies.upperBound] + manifests + "\n" + seed[traffic.lowerBound...]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-suggested-\(UUID().uuidString.prefix(8)).yaml")
        try String(scenario).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let check = try await LoupeProcess.run(["scenario", "check", file.path], product: "loupe-agent")
        #expect(check.status == 0, "\(check.stderr)")
        let universe = try await LoupeProcess.run(
            ["policy", "explain", "--scenario", file.path, "--from", "universe/curl", "--to", "echo.echo.svc.cluster.local:80"], product: "loupe-agent")
        #expect(universe.stdout.contains("ALLOWED"), "\(universe.stdout)\(universe.stderr)")
        let galaxy = try await LoupeProcess.run(
            ["policy", "explain", "--scenario", file.path, "--from", "galaxy/curl", "--to", "echo.echo.svc.cluster.local:80"], product: "loupe-agent")
        #expect(galaxy.stdout.contains("DENIED"), "\(galaxy.stdout)\(galaxy.stderr)")
    }

    @Test func mistakesAreUsageErrors() async throws {
        let kind = try await LoupeProcess.run(["policy", "suggest", "--input-file", MapCommandTests.seed, "--kind", "calico"])
        #expect(kind.status == 2 && kind.stderr.contains("invalid --kind"))
        let direction = try await LoupeProcess.run(["policy", "suggest", "--input-file", MapCommandTests.seed, "--direction", "up"])
        #expect(direction.status == 2 && direction.stderr.contains("use ingress, egress or both"))
        let follow = try await LoupeProcess.run(["policy", "suggest", "--demo", "--follow"])
        #expect(follow.status == 2 && follow.stderr.contains("--follow does not apply"))
    }
}
