import FlowClient
import FlowModel
import Foundation
import HubbleAPI
import SwiftProtobuf
import Testing

/// File reading and the reference's selection rules for `--input-file` (spec/output.md §9).
@Suite struct FileFlowSourceTests {
    static func line(_ n: Int, time: String? = "2026-01-15T10:00:0\(0)Z") -> String {
        let t = time.map { #","time":"\#($0)""# } ?? ""
        return #"{"flow":{"uuid":"\#(n)"}\#(t)}"#
    }

    func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-\(UUID().uuidString).jsonl")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func read(_ text: String, _ selection: FlowSelection, batchesInFlight: Int = 4, blockLines: Bool = false)
        async throws -> (uuids: [String], problems: [InputProblem], summary: FileFlowSource.Summary)
    {
        let path = try file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var uuids: [String] = []
        var problems: [InputProblem] = []
        var sink = EnvelopeSink(report: { problems.append($0) }) { envelope in
            switch envelope.responseTypes {
            case .flow(let flow)?: uuids.append(flow.uuid)
            case .nodeStatus?: uuids.append("status")
            default: uuids.append("-")
            }
        }
        let summary = try await FileFlowSource(path: path, maxBatchesInFlight: batchesInFlight).read(FlowQuery(selection: selection), into: &sink)
        return (uuids, problems, summary)
    }

    @Test func everythingInFileOrderAcrossManyBatches() async throws {
        let text = (1...1000).map { Self.line($0) }.joined(separator: "\n")
        let result = try await read(text, FlowSelection())
        #expect(result.uuids == (1...1000).map(String.init))
        #expect(result.summary.linesRead == 1000)
    }

    @Test func firstStopsAndLastKeepsTheTail() async throws {
        let text = (1...500).map { Self.line($0) }.joined(separator: "\n") + "\n"
        #expect(try await read(text, FlowSelection(count: .first(3))).uuids == ["1", "2", "3"])
        #expect(try await read(text, FlowSelection(count: .last(3))).uuids == ["498", "499", "500"])
        #expect(try await read(text, FlowSelection(count: .last(1000))).uuids.count == 500)
    }

    @Test func nonFlowEnvelopesCountTowardLast() async throws {
        let text = [Self.line(1), Self.line(2), #"{"node_status":{"state_change":"NODE_CONNECTED"}}"#, "{}"].joined(separator: "\n")
        #expect(try await read(text, FlowSelection(count: .last(3))).uuids == ["2", "status", "-"])
    }

    @Test func timeWindowUsesTheEnvelopeTimeAndEpochWhenMissing() async throws {
        let text = [
            Self.line(1, time: "2026-01-15T10:00:00Z"), Self.line(2, time: nil), Self.line(3, time: "2026-01-15T10:00:05Z"),
            Self.line(4, time: "2026-01-15T10:00:10Z"),
        ].joined(separator: "\n")
        let t = { (s: String) in RFC3339.parse(s)! }
        #expect(try await read(text, FlowSelection(since: t("2026-01-15T10:00:05Z"))).uuids == ["3", "4"])
        #expect(try await read(text, FlowSelection(until: t("2026-01-15T10:00:05Z"))).uuids == ["1", "2", "3"])
        #expect(try await read(text, FlowSelection(since: t("2026-01-15T10:00:00Z"), until: t("2026-01-15T10:00:00Z"))).uuids == ["1"])
    }

    @Test func badLinesAreReportedWithNumbersAndSkipped() async throws {
        let text = [Self.line(1), "", "{", Self.line(4), #"{"flow":{"uuid":5}}"#, Self.line(6)].joined(separator: "\n")
        let result = try await read(text, FlowSelection(), batchesInFlight: 1)
        #expect(result.uuids == ["1", "4", "6"])
        #expect(result.problems.map(\.line) == [2, 3, 5])
        #expect(result.problems[0].reason == "warning: blank line skipped (further blank lines are skipped silently)")
        #expect(result.problems[1].reason.hasSuffix("(at byte 2)"))
        #expect(result.summary.badLines == 2)
        #expect(result.summary.blankLines == 1)
    }

    /// Blank lines (a trailing one, white space) are skipped with one warning and are not bad lines.
    @Test func blankLinesAreSkippedWithOneWarning() async throws {
        let text = [Self.line(1), "", "   ", Self.line(2), "", ""].joined(separator: "\n")
        let result = try await read(text, FlowSelection(), batchesInFlight: 1)
        #expect(result.uuids == ["1", "2"])
        #expect(result.problems.map(\.line) == [2])
        #expect(result.summary.badLines == 0)
        #expect(result.summary.blankLines == 3)
    }

    @Test func lineEndings() async throws {
        let text = Self.line(1) + "\r\n" + Self.line(2) + "\r\n" + Self.line(3)
        #expect(try await read(text, FlowSelection()).uuids == ["1", "2", "3"])
    }

    /// A line over `--max-line-size` is a bad line like any other: reported with its number, the
    /// lines around it read.
    @Test func aLineOverTheLimitIsReportedAndSkipped() async throws {
        let long = #"{"flow":{"uuid":"7","Summary":""# + String(repeating: "y", count: 3 << 20) + #""}}"#
        let path = try file(Self.line(6) + "\n" + long + "\n" + Self.line(8) + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var uuids: [String] = []
        var problems: [InputProblem] = []
        var sink = EnvelopeSink(report: { problems.append($0) }) { uuids.append($0.flow.uuid) }
        let summary = try await FileFlowSource(path: path, maximumLineLength: 1 << 20).read(FlowQuery(), into: &sink)
        #expect(uuids == ["6", "8"])
        #expect(summary.badLines == 1)
        #expect(problems.map(\.line) == [2])
        #expect(problems.first?.reason == "line of \(long.utf8.count) bytes skipped: longer than 1 MiB (--max-line-size)")
    }

    @Test func linesLongerThanTheReadBlock() async throws {
        let long = #"{"flow":{"uuid":"7","Summary":""# + String(repeating: "y", count: 3 << 20) + #""}}"#
        let result = try await read(long + "\n" + Self.line(8), FlowSelection())
        #expect(result.uuids == ["7", "8"])
    }
}
