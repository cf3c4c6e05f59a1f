import FlowModel
import Foundation
import HubbleAPI
import LoupeTestSupport
import Testing

@Suite struct FixtureRoundTripTests {
    @Test(arguments: ["seed", "real"])
    func jsonpbIsReproduced(corpus: String) throws {
        let dir = try Fixtures.corpus(corpus)
        let input = try Fixtures.lines(dir.appendingPathComponent("flows.jsonl"))
        let expected = try Fixtures.lines(dir.appendingPathComponent("jsonpb.jsonl"))
        #expect(input.count == expected.count)
        let decoder = FlowLineDecoder()
        for (i, line) in input.enumerated() {
            var copy = line
            let decoded = try copy.withUTF8 { try decoder.decode(UnsafeRawBufferPointer($0)) }
            #expect(decoded.envelope.jsonLine() == expected[i], "line \(i + 1)")
        }
    }
}
