import Foundation
import LoupeTestSupport
import Testing

/// The help users read, compared as text. `LOUPE_RECORD=1 swift test --filter HelpGoldenTests`
/// rewrites the golden files after an intended change.
@Suite struct HelpGoldenTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Every command's help.
    @Test(arguments: [
        (["--help"], "loupe-agent-help.txt"), (["serve", "--help"], "loupe-agent-serve-help.txt"),
        (["scenario", "--help"], "loupe-agent-scenario-help.txt"), (["scenario", "check", "--help"], "loupe-agent-scenario-check-help.txt"),
        (["policy", "--help"], "loupe-agent-policy-help.txt"), (["policy", "explain", "--help"], "loupe-agent-policy-explain-help.txt"),
        (["version", "--help"], "loupe-agent-version-help.txt"),
    ])
    func agentHelpMatchesGolden(arguments: [String], golden: String) async throws {
        let result = try await LoupeProcess.run(arguments, environment: ["COLUMNS": "100"], product: "loupe-agent")
        #expect(result.status == 0)
        let url = Self.goldens.appendingPathComponent(golden)
        if ProcessInfo.processInfo.environment["LOUPE_RECORD"] == "1" {
            try result.stdout.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(result.stdout == (try String(contentsOf: url, encoding: .utf8)))
    }

    @Test(arguments: [
        (["--help"], "loupe-help.txt"), (["observe", "--help"], "observe-help.txt"), (["map", "--help"], "map-help.txt"), (["policy", "suggest", "--help"], "policy-suggest-help.txt"), (["policy", "test", "--help"], "policy-test-help.txt"), (["filter", "--help"], "filter-help.txt"),
        (["filter", "fields"], "filter-fields.txt"), (["status", "--help"], "status-help.txt"),
        (["list", "nodes", "--help"], "list-nodes-help.txt"), (["top", "--help"], "top-help.txt"),
        (["list", "--help"], "list-help.txt"), (["list", "namespaces", "--help"], "list-namespaces-help.txt"),
        (["filter", "check", "--help"], "filter-check-help.txt"), (["filter", "explain", "--help"], "filter-explain-help.txt"),
        (["filter", "fields", "--help"], "filter-fields-help.txt"), (["config", "--help"], "config-help.txt"),
        (["config", "view", "--help"], "config-view-help.txt"), (["version", "--help"], "version-help.txt"),
    ])
    func helpMatchesGolden(arguments: [String], golden: String) async throws {
        let result = try await LoupeProcess.run(arguments, environment: ["COLUMNS": "100"])
        #expect(result.status == 0)
        let url = Self.goldens.appendingPathComponent(golden)
        if ProcessInfo.processInfo.environment["LOUPE_RECORD"] == "1" {
            try result.stdout.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(result.stdout == (try String(contentsOf: url, encoding: .utf8)))
    }

    @Test func versionIsPrinted() async throws {
        let result = try await LoupeProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("loupe "))
    }
}
