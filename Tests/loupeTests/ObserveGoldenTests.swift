import Foundation
import LoupeTestSupport
import Testing

/// `loupe observe` end to end: the reference CLI's goldens, from a file and from standard input.
@Suite struct ObserveGoldenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var corpus: String
        var golden: String
        var flags: [String]
        var testDescription: String { "\(corpus)/\(golden)" }
    }

    static let cases: [Case] = ["seed", "real"].flatMap { corpus in
        [
            Case(corpus: corpus, golden: "compact.txt", flags: ["-o", "compact"]),
            Case(corpus: corpus, golden: "compact-nodename.txt", flags: ["-o", "compact", "--print-node-name"]),
            Case(corpus: corpus, golden: "dict.txt", flags: ["-o", "dict"]),
            Case(corpus: corpus, golden: "table.txt", flags: ["-o", "table"]),
            Case(corpus: corpus, golden: "jsonpb.jsonl", flags: ["-o", "jsonpb"]),
            Case(corpus: corpus, golden: "jsonpb.jsonl", flags: ["-o", "json"]),
        ]
    }

    @Test(arguments: cases)
    func fromFile(_ c: Case) async throws {
        let dir = try Fixtures.corpus(c.corpus)
        let expected = try String(contentsOf: dir.appendingPathComponent(c.golden), encoding: .utf8)
        let result = try await InProcessLoupe.run(
            ["observe", "--input-file", "flows.jsonl", "--color", "never", "--all"] + c.flags, in: dir)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == expected)
    }

    @Test(arguments: cases)
    func fromStandardInput(_ c: Case) async throws {
        let dir = try Fixtures.corpus(c.corpus)
        let expected = try String(contentsOf: dir.appendingPathComponent(c.golden), encoding: .utf8)
        let input = try Data(contentsOf: dir.appendingPathComponent("flows.jsonl"))
        let result = try await LoupeProcess.run(["observe", "--input-file", "-", "--color", "never"] + c.flags, stdin: input)
        #expect(result.status == 0)
        #expect(result.stdout == expected)
    }

    /// Every fixture filter case the reference answered without error: its flags, its output, byte
    /// for byte.
    static let filterCases: [String] = ["seed", "real"].flatMap { corpus in
        ((try? Fixtures.corpus(corpus)).map { dir in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("filters").path)) ?? []
            return names.filter { $0.hasSuffix(".args") }.map { $0.dropLast(5) }
                .filter { !names.contains("\($0).err") }
                .sorted().map { "\(corpus)/\($0)" }
        }) ?? []
    }

    @Test func filterCasesAreFound() {
        #expect(Self.filterCases.count > 60)
    }

    @Test(arguments: filterCases)
    func filterCase(_ name: String) async throws {
        let parts = name.split(separator: "/").map(String.init)
        let dir = try Fixtures.corpus(parts[0])
        let args = try Fixtures.lines(dir.appendingPathComponent("filters/\(parts[1]).args"))
        let expected = try String(contentsOf: dir.appendingPathComponent("filters/\(parts[1]).out"), encoding: .utf8)
        let result = try await InProcessLoupe.run(Array(args), in: dir)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == expected)
    }

    /// The reference's invalid invocations fail before reading anything; loupe reports them as usage
    /// errors (status 2) with the reference's message.
    @Test(arguments: [
        ("38", #"invalid argument "BOGUS" for "--verdict" flag: invalid --verdict value: BOGUS"#), ("39", "since"),
        ("40", "cannot set both --first and --last"),
    ])
    func invalidInvocations(number: String, message: String) async throws {
        let dir = try Fixtures.corpus("real")
        let args = try Fixtures.lines(dir.appendingPathComponent("filters/\(number).args"))
        let result = try await InProcessLoupe.run(Array(args), in: dir)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.contains(message))
    }
}
