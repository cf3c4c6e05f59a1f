import FlowModel
import Foundation
import HubbleAPI
import LoupeTestSupport
import Testing

/// Damaged lines must be rejected with an error or decoded, never crash the reader.
@Suite struct MalformedInputTests {
    @Test func mutatedFixtureLinesNeverCrashTheDecoder() throws {
        let input = try Data(contentsOf: try Fixtures.corpus("real").appendingPathComponent("flows.jsonl"))
        let lines = input.split(separator: UInt8(ascii: "\n")).map { Array($0) }
        var rng = SeededRandom(seed: 2026)
        let decoder = FlowLineDecoder(reusingStrings: true)
        let interesting: [UInt8] = Array(#"{}[]",:\"0123456789-+.eEtrufalsn \#u{1B}"#.utf8) + [0x00, 0x0A, 0xC3, 0xE2, 0xFF]
        var decoded = 0
        var rejected = 0
        for _ in 0..<20_000 {
            var line = lines[Int.random(in: 0..<lines.count, using: &rng)]
            switch Int.random(in: 0..<4, using: &rng) {
            case 0:  // truncate
                line = Array(line.prefix(Int.random(in: 0...line.count, using: &rng)))
            case 1:  // overwrite bytes with JSON-significant ones
                for _ in 0..<Int.random(in: 1...4, using: &rng) where !line.isEmpty {
                    line[Int.random(in: 0..<line.count, using: &rng)] = interesting.randomElement(using: &rng)!
                }
            case 2:  // insert
                line.insert(interesting.randomElement(using: &rng)!, at: Int.random(in: 0...line.count, using: &rng))
            default:  // delete a run
                if line.count > 2 {
                    let start = Int.random(in: 0..<(line.count - 1), using: &rng)
                    line.removeSubrange(start..<min(line.count, start + Int.random(in: 1...16, using: &rng)))
                }
            }
            let result = line.withUnsafeBytes { bytes in
                Result { () throws(HubbleJSONError) in try decoder.decode(bytes) }
            }
            switch result {
            case .success(let line):
                _ = line.envelope.jsonLine()
                decoded += 1
            case .failure(let error):
                #expect(error.offset >= 0 && error.offset <= line.count)
                rejected += 1
            }
        }
        #expect(decoded + rejected == 20_000)
        #expect(rejected > 10_000)
    }
}
