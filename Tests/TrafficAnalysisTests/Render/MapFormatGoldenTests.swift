import FlowModel
import Foundation
import LoupeTestSupport
import Testing

@testable import TrafficAnalysis

/// Each format of `loupe map`, as text, on the seed's flows and on a real capture.
struct MapFormatGoldenTests {
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

    /// Compares `text` with `Golden/<name>` (`LOUPE_RECORD=1` rewrites it).
    static func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = goldens.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["LOUPE_RECORD"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its golden", sourceLocation: sourceLocation)
    }

    static func map(_ corpus: String, _ grouping: Grouping = .workload) throws -> TrafficMap {
        var map = TrafficMap(grouping: grouping)
        for line in try Fixtures.lines(Fixtures.corpus(corpus).appendingPathComponent("flows.jsonl")) {
            map.add(try Array(line.utf8).withUnsafeBytes { try FlowLineDecoder().decode($0) }.envelope)
        }
        return map
    }

    @Test(arguments: MapFormat.allCases)
    func theSeedInEachFormat(format: MapFormat) throws {
        try Self.expectGolden(format.render(try Self.map("seed")), "seed.\(format.rawValue)")
    }

    @Test(arguments: MapFormat.allCases)
    func aRealCaptureInEachFormat(format: MapFormat) throws {
        try Self.expectGolden(format.render(try Self.map("real")), "real.\(format.rawValue)")
    }

    @Test func theRealCaptureByNamespace() throws {
        try Self.expectGolden(MapFormat.table.render(try Self.map("real", .namespace)), "real-namespace.table")
    }

    /// Every line of the JSON form is an object with the documented keys, in order.
    @Test func jsonLinesHaveTheDocumentedShape() throws {
        let keys = ["source", "destination", "protocol", "port", "flows", "verdicts", "drop_reasons", "policies", "requests", "other_requests", "first_seen", "last_seen"]
        for line in MapFormat.json.render(try Self.map("real")).split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == Set(keys))
            let positions = keys.map { line.range(of: "\"\($0)\":")!.lowerBound }
            #expect(positions == positions.sorted())
        }
    }
}
