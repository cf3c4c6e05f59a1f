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

    /// CiliumNetworkPolicies with HTTP rules, judged by `policy test` against the same capture: nothing
    /// seen breaks, and the agent's engine reads them.
    @Test func ciliumPoliciesWithL7RulesPassTheirOwnTest() async throws {
        let suggested = try await LoupeProcess.run(["policy", "suggest", "--input-file", MapCommandTests.seed, "--kind", "cilium", "--l7"])
        #expect(suggested.status == 0, "\(suggested.stderr)")
        #expect(suggested.stdout.components(separatedBy: "kind: CiliumNetworkPolicy").count == 5)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-cnp-\(UUID().uuidString.prefix(8)).yaml")
        try suggested.stdout.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let test = try await LoupeProcess.run(["policy", "test", "--input-file", MapCommandTests.seed, "--policies", file.path])
        #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
        let l7 = try await LoupeProcess.run(["policy", "suggest", "--input-file", MapCommandTests.seed, "--l7"])
        #expect(l7.status == 2 && l7.stderr.contains("--l7 needs --kind cilium"))
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

/// `loupe policy test`: a gate for policy changes, by its exit status.
struct PolicyTestCommandTests {
    @Test func theExitStatusSaysWhetherSomethingSeenForwardedWouldBeDropped() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-policies-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let suggested = try await LoupeProcess.run(["policy", "suggest", "--input-file", MapCommandTests.seed])
        try suggested.stdout.write(to: dir.appendingPathComponent("suggested.yaml"), atomically: true, encoding: .utf8)
        let pass = try await LoupeProcess.run(["policy", "test", "--input-file", MapCommandTests.seed, "--policies", dir.path])
        #expect(pass.status == 0, "\(pass.stdout)\(pass.stderr)")
        #expect(pass.stdout == "4 conversations: 0 newly dropped, 0 newly allowed, 0 unknown, 4 unchanged\n")

        try """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: echo-only-8080, namespace: echo}
            spec:
              podSelector: {matchLabels: {app: echo}}
              ingress: [{ports: [{port: 8080}]}]
            """.write(to: dir.appendingPathComponent("tight.yml"), atomically: true, encoding: .utf8)
        let tight = try await LoupeProcess.run(["policy", "test", "--input-file", MapCommandTests.seed, "--policies", dir.appendingPathComponent("tight.yml").path, "-o", "json"])
        #expect(tight.status == 1)
        #expect(tight.stdout.hasPrefix(#"{"passes":false,"summary":{"conversations":4,"newly_dropped":1,"#))
        #expect(tight.stderr.contains("1 conversation seen forwarded would be dropped"))

        try "kind: NetworkPolicy\nmetadata: {name: x}\nspec: {podSelectr: {}}\n".write(to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let bad = try await LoupeProcess.run(["policy", "test", "--input-file", MapCommandTests.seed, "--policies", dir.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.yaml:"), "\(bad.stderr)")
        let missing = try await LoupeProcess.run(["policy", "test", "--input-file", MapCommandTests.seed, "--policies", "/nonexistent"])
        #expect(missing.status == 2 && missing.stderr.contains("no such file or directory"))
    }
}
