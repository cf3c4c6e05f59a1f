import Foundation
import LoupeTestSupport
import Testing

/// `loupe map` as a user runs it: from a capture, with filters, in each format, and its mistakes.
struct MapCommandTests {
    static var seed: String { (try? Fixtures.corpus("seed").appendingPathComponent("flows.jsonl").path) ?? "" }

    @Test func mapsACaptureWithFilters() async throws {
        let all = try await LoupeProcess.run(["map", "--input-file", Self.seed])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.hasPrefix("SOURCE "))
        #expect(all.stdout.contains("galaxy/curl    echo/echo"))
        let dropped = try await LoupeProcess.run(["map", "--input-file", Self.seed, "verdict == DROPPED", "-o", "json"])
        #expect(dropped.status == 0, "\(dropped.stderr)")
        let lines = dropped.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains(#""drop_reasons":{"POLICY_DENIED":74}"#) == true)
        let flags = try await LoupeProcess.run(["map", "--input-file", Self.seed, "--from-namespace", "universe", "--group-by", "namespace", "-o", "mermaid"])
        #expect(flags.status == 0 && flags.stdout.hasPrefix("flowchart LR\n") && !flags.stdout.contains("galaxy"), "\(flags.stderr)")
        let dot = try await LoupeProcess.run(["map", "--input-file", "-", "-o", "dot"], stdin: Data(contentsOf: URL(fileURLWithPath: Self.seed)))
        #expect(dot.status == 0 && dot.stdout.hasPrefix("digraph loupe {") && dot.stdout.contains("color=red"), "\(dot.stderr)")
    }

    @Test func mistakesAreUsageErrors() async throws {
        let format = try await LoupeProcess.run(["map", "--input-file", Self.seed, "-o", "svg"])
        #expect(format.status == 2 && format.stderr.contains("use table, json, dot or mermaid"))
        let grain = try await LoupeProcess.run(["map", "--input-file", Self.seed, "--group-by", "node"])
        #expect(grain.status == 2 && grain.stderr.contains("use namespace, workload or pod"))
        let expression = try await LoupeProcess.run(["map", "--input-file", Self.seed, "verdict == DROPED"])
        #expect(expression.status == 2 && expression.stderr.contains("DROPPED"))
        let empty = try await LoupeProcess.run(["map", "--input-file", "/dev/null"])
        #expect(empty.status == 0 && empty.stdout.isEmpty && empty.stderr.contains("no flows to map"))
    }
}
