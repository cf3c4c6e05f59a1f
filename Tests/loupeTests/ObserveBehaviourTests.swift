import Foundation
import LoupeTestSupport
import Testing

/// Exit statuses and messages of `loupe observe` on bad input, bad flags and closed pipes.
@Suite struct ObserveBehaviourTests {
    static let good = #"{"flow":{"time":"2026-01-15T10:00:00Z","verdict":"FORWARDED","IP":{"source":"10.0.0.1","destination":"10.0.0.2"},"event_type":{"type":4},"Summary":"ok"}}"#

    func temporaryFile(_ text: String) async throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-test-\(UUID().uuidString).jsonl")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func malformedLinesAreReportedSkippedAndExitFour() async throws {
        let file = try await temporaryFile([Self.good, "{not json", Self.good, #"{"flow":{"verdict":"BOGUS"}}"#, Self.good].joined(separator: "\n"))
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await InProcessLoupe.run(["observe", "--input-file", file.path])
        #expect(result.status == 4)
        #expect(result.stdout.split(separator: "\n").count == 3)
        let errors = result.stderr.split(separator: "\n")
        #expect(errors.contains { $0.hasPrefix("\(file.path):2: ") })
        #expect(errors.contains { $0.hasPrefix("\(file.path):4: ") && $0.contains("BOGUS") })
        #expect(result.stderr.contains("2 of 5 input lines could not be read"))
    }

    /// A trailing blank line (what an editor leaves) and blank lines between records are skipped with
    /// one warning; they do not make the exit status 4.
    @Test func blankLinesAreSkippedWithOneWarning() async throws {
        let file = try await temporaryFile([Self.good, "", Self.good, "  ", ""].joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await InProcessLoupe.run(["observe", "--input-file", file.path])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 2)
        #expect(result.stderr == "\(file.path):2: warning: blank line skipped (further blank lines are skipped silently)\n")
    }

    @Test func standardInputIsNamedInReports() async throws {
        let result = try await LoupeProcess.run(["observe", "--input-file", "-"], stdin: Data("oops\n".utf8))
        #expect(result.status == 4)
        #expect(result.stderr.hasPrefix("<stdin>:1: "))
    }

    @Test func linesFromALivePipeArePrintedWithoutWaitingForMore() async throws {
        let loupe = try BackgroundProcess(["observe", "--input-file", "-"], product: "loupe", pipeInput: true)
        let input = try #require(loupe.standardInput)
        try input.write(contentsOf: Data((Self.good + "\n").utf8))
        // The pipe stays open: the line must come out anyway.
        #expect(await loupe.waitForStdout(containing: "(ok)"))
        try input.write(contentsOf: Data(Self.good.replacingOccurrences(of: "\"ok\"", with: "\"two\"").utf8))
        try input.close()
        #expect(await loupe.wait(timeout: 30) == 0)
        #expect(loupe.stdout.hasSuffix("(two)\n"))
    }

    @Test func longLinesAreRead() async throws {
        let long = #"{"flow":{"time":"2026-01-15T10:00:00Z","Summary":""# + String(repeating: "x", count: 3_000_000) + #""}}"#
        let file = try await temporaryFile(long + "\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await InProcessLoupe.run(["observe", "--input-file", file.path, "-o", "jsonpb"])
        #expect(result.status == 0)
        #expect(result.stdout == long + "\n")
    }

    @Test func unknownFieldsWarnOnceAndTheRestIsPrinted() async throws {
        let line = #"{"flow":{"time":"2026-01-15T10:00:00Z","new_thing":1,"Summary":"s"}}"#
        let file = try await temporaryFile(line + "\n" + line + "\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await InProcessLoupe.run(["observe", "--input-file", file.path])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 2)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains(#""new_thing""#))
    }

    @Test func missingFileIsARuntimeError() async throws {
        let result = try await InProcessLoupe.run(["observe", "--input-file", "/nonexistent/flows.jsonl"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/flows.jsonl"))
    }

    @Test func unreadableInputIsARuntimeErrorNamingIt() async throws {
        let result = try await InProcessLoupe.run(["observe", "--input-file", FileManager.default.temporaryDirectory.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot read \(FileManager.default.temporaryDirectory.path)"))
    }

    @Test(arguments: [
        (["--last", "x"], "--last"),
        (["-o", "yaml"], "compact, dict, table, jsonpb or json"),
        (["--first", "1", "--all"], "cannot set both --first and --all"),
        (["--last", "1", "--all"], "cannot set both --last and --all"),
        (["--last", "2000000"], "--last must be <= 1_000_000"),
        (["--until", "2025-04-27 11:27:13Z"], "RFC 3339"),
        (["-o", "table", "--follow"], "table output format is not compatible with follow mode"),
        (["--bogus"], "--bogus"),
    ])
    func usageErrorsExitTwo(flags: [String], message: String) async throws {
        let result = try await LoupeProcess.run(["observe", "--input-file", "-"] + flags, stdin: Data())
        #expect(result.status == 2)
        #expect(result.stderr.contains(message))
    }

    @Test func closedPipeEndsQuietly() async throws {
        let dir = try Fixtures.corpus("seed")
        let script = "'\(LoupeProcess.executable("loupe").path)' observe --input-file flows.jsonl | head -1; echo \"status=${PIPESTATUS[0]}\""
        let child = try ChildProcess("/bin/bash", ["-c", script], environment: ProcessInfo.processInfo.environment, directory: dir.path)
        let status = await child.wait(timeout: 60)
        #expect(status == 0, "the pipeline did not end")
        let stdout = String(decoding: child.stdout, as: UTF8.self)
        let stderr = String(decoding: child.stderr, as: UTF8.self)
        #expect(stdout.hasSuffix("status=0\n"))
        #expect(stderr == "")
    }

    @Test func colourFollowsTheReferenceRules() async throws {
        let file = try await temporaryFile(Self.good + "\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let always = try await InProcessLoupe.run(["observe", "--input-file", file.path, "--color", "always"], environment: ["NO_COLOR": "1"])
        #expect(always.stdout.contains("\u{1B}[32mFORWARDED\u{1B}[0m"))
        let auto = try await InProcessLoupe.run(["observe", "--input-file", file.path])
        #expect(!auto.stdout.contains("\u{1B}["))
    }

    @Test func timeFormatIsApplied() async throws {
        let file = try await temporaryFile(Self.good + "\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await InProcessLoupe.run(["observe", "--input-file", file.path, "--time-format", "rfc3339"])
        #expect(result.stdout.hasPrefix("2026-01-15T10:00:00Z: 10.0.0.1 (unknown) <> 10.0.0.2 (unknown) to-endpoint FORWARDED (ok)"))
    }

    /// An unknown layout is refused with the layouts listed (the reference falls back silently).
    @Test func anUnknownTimeFormatIsAUsageError() async throws {
        let result = try await InProcessLoupe.run(["observe", "--input-file", "/nonexistent", "--time-format", "ISO"])
        #expect(result.status == 2)
        #expect(result.stderr == "loupe: invalid --time-format \"ISO\": use one of StampMilli, YearMonthDay, YearMonthDayHour, "
            + "YearMonthDayHourMinute, RFC3339, RFC3339Milli, RFC3339Micro, RFC3339Nano, RFC1123Z\n")
    }

    /// A time that is not one is refused with forms a person types, not Go's reference layouts.
    @Test func anUnreadableTimeListsFormsToType() async throws {
        let result = try await InProcessLoupe.run(["observe", "--input-file", "/nonexistent", "--since", "yesterday"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("loupe: invalid --since time \"yesterday\": use a duration before now (30s, 5m, 1h30m), a date (2025-04-27)"))
        #expect(!result.stderr.contains("2006"))
    }
}
