import FlowModel
import FlowOutput
import Foundation
import HubbleAPI
import SwiftProtobuf
import Testing

/// `-o table` keeps memory and output bounded by its input: one huge field does not widen every row,
/// and a long stream is aligned in blocks.
@Suite struct TableFormatterTests {
    static func flow(_ index: Int, summary: String = "TCP Flags: SYN") -> FlowEnvelope {
        var flow = Flow()
        flow.time = Google_Protobuf_Timestamp(seconds: 1_700_000_000 + Int64(index))
        flow.verdict = .forwarded
        flow.summary = summary
        flow.ip.source = "10.0.0.\(index % 250)"
        flow.ip.destination = "10.0.1.\(index % 250)"
        return FlowEnvelope(flow: flow)
    }

    @Test func oneHugeFieldDoesNotWidenEveryRow() {
        var formatter = TableFormatter(options: FormatOptions())
        var out = OutputBuffers()
        let huge = String(repeating: "x", count: 2_000_000)
        formatter.write(Self.flow(0, summary: huge), to: &out)
        for index in 1...1_000 { formatter.write(Self.flow(index), to: &out) }
        formatter.finish(to: &out)
        // The other rows keep their width: the output is the huge field plus ordinary rows.
        #expect(out.stdout.count < huge.utf8.count + 1_001 * 200, "\(out.stdout.count) bytes")
        let lines = String(decoding: out.stdout, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 1_002)
        #expect(lines[2].hasSuffix("TCP Flags: SYN") && lines[2].count < 200)
    }

    @Test func aLongStreamIsWrittenInBlocks() {
        var formatter = TableFormatter(options: FormatOptions())
        var out = OutputBuffers()
        for index in 0..<(TableFormatter.blockRows + 10) { formatter.write(Self.flow(index), to: &out) }
        // The first block went out before the end; the rest waits for it.
        #expect(!out.stdout.isEmpty)
        let before = out.stdout.count
        formatter.finish(to: &out)
        #expect(out.stdout.count > before)
        #expect(String(decoding: out.stdout, as: UTF8.self).split(separator: "\n").count == TableFormatter.blockRows + 11)
    }
}
