import FlowModel
import FlowOutput
import Foundation
import HubbleAPI
import LoupeTestSupport
import Testing

/// Every whole-corpus golden of the reference CLI, rendered from the decoded fixture envelopes.
@Suite struct FixtureGoldenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var corpus: String
        var golden: String
        var format: OutputFormat
        var nodeName = false
        var testDescription: String { "\(corpus)/\(golden)" }
    }

    static let cases: [Case] = ["seed", "real"].flatMap { corpus in
        [
            Case(corpus: corpus, golden: "compact.txt", format: .compact),
            Case(corpus: corpus, golden: "compact-nodename.txt", format: .compact, nodeName: true),
            Case(corpus: corpus, golden: "dict.txt", format: .dict),
            Case(corpus: corpus, golden: "table.txt", format: .table),
            Case(corpus: corpus, golden: "jsonpb.jsonl", format: .jsonpb),
        ]
    }

    @Test(arguments: cases)
    func goldenIsReproduced(_ c: Case) throws {
        let dir = try Fixtures.corpus(c.corpus)
        let input = try Data(contentsOf: dir.appendingPathComponent("flows.jsonl"))
        let expected = try String(contentsOf: dir.appendingPathComponent(c.golden), encoding: .utf8)
        var options = FormatOptions()
        options.printNodeName = c.nodeName
        var formatter = makeFormatter(c.format, options: options)
        var out = OutputBuffers()
        let decoder = FlowLineDecoder()
        for line in input.split(separator: UInt8(ascii: "\n")) {
            let decoded = try line.withUnsafeBytes { try decoder.decode($0) }
            formatter.write(decoded.envelope, to: &out)
        }
        formatter.finish(to: &out)
        let actual = String(decoding: out.stdout, as: UTF8.self)
        let actualLines = actual.components(separatedBy: "\n")
        let expectedLines = expected.components(separatedBy: "\n")
        #expect(actualLines.count == expectedLines.count)
        for (i, (a, e)) in zip(actualLines, expectedLines).enumerated() where a != e {
            Issue.record("line \(i + 1):\n  got: \(a)\n want: \(e)")
            break
        }
        #expect(out.stderr.isEmpty)
    }
}
