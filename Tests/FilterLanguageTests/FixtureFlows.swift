import FilterLanguage
import FlowModel
import Foundation
import HubbleAPI
import LoupeTestSupport
import SwiftProtobuf

/// The flows of the fixture corpora, decoded once.
enum FixtureFlows {
    static func load(_ corpus: String) throws -> [Flow] {
        let url = try Fixtures.corpus(corpus).appendingPathComponent("flows.jsonl")
        let decoder = FlowLineDecoder()
        return try Fixtures.lines(url).map { line in
            var copy = line
            return try copy.withUTF8 { try decoder.decode(UnsafeRawBufferPointer($0)).envelope.flow }
        }
    }

    static let seed: [Flow] = (try? load("seed")) ?? []
    static let real: [Flow] = (try? load("real")) ?? []
    static let all: [Flow] = seed + real

    /// A fixed "now" for relative times, after every fixture flow.
    static let now: Google_Protobuf_Timestamp = {
        var t = Google_Protobuf_Timestamp()
        t.seconds = 1_800_000_000
        return t
    }()
}
