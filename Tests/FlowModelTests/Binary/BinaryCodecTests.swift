import FlowModel
import Foundation
import HubbleAPI
import LoupeTestSupport
import SwiftProtobuf
import Testing

/// The binary decoder reads what swift-protobuf writes, field for field: every flow of the captures,
/// requests with every kind of filter, packed and unpacked repeated numbers, fields it does not
/// know; and it refuses, never crashes on, bytes that end inside a field.
@Suite struct BinaryCodecTests {
    static func envelopes(_ corpus: String) throws -> [FlowEnvelope] {
        let dir = try Fixtures.corpus(corpus)
        let decoder = FlowLineDecoder()
        return try Fixtures.lines(dir.appendingPathComponent("flows.jsonl")).map { line in
            var copy = line
            return try copy.withUTF8 { try decoder.decode(UnsafeRawBufferPointer($0)) }.envelope
        }
    }

    static func decode<M: HubbleBinaryMessage>(_ bytes: [UInt8], as: M.Type) throws -> M {
        try bytes.withUnsafeBytes { buffer throws(ProtoDecodingError) in try M(protoBytes: buffer) }
    }

    @Test(arguments: ["seed", "real"])
    func everyCapturedFlowReadsBackEqual(corpus: String) throws {
        let envelopes = try Self.envelopes(corpus)
        #expect(!envelopes.isEmpty)
        for (index, envelope) in envelopes.enumerated() {
            let bytes: [UInt8] = try envelope.serializedBytes()
            #expect(try Self.decode(bytes, as: FlowEnvelope.self) == envelope, "record \(index + 1)")
        }
    }

    @Test(arguments: ["seed", "real"])
    func everyCapturedFlowIsWrittenAsSwiftProtobufWritesIt(corpus: String) throws {
        for (index, envelope) in try Self.envelopes(corpus).enumerated() {
            let expected: [UInt8] = try envelope.serializedBytes()
            #expect(envelope.protoBytes() == expected, "record \(index + 1)")
        }
    }

    @Test func requestsWithEveryKindOfFilterReadBackEqual() throws {
        var filter = Flow_FlowFilter()
        filter.sourcePod = ["echo/", "kube-system/coredns"]
        filter.verdict = [.dropped, .forwarded, Flow_Verdict(rawValue: 99)!]
        filter.sourceIdentity = [1, 2, 16_777_217, UInt32.max]
        filter.destinationPort = ["80", "443"]
        filter.reply = [true, false]
        filter.httpStatusCode = ["5+"]
        filter.tcpFlags = [Flow_TCPFlags.with { $0.syn = true; $0.ack = true }]
        filter.nodeLabels = ["zone=a"]
        filter.experimental.celExpression = ["true"]
        var request = Observer_GetFlowsRequest()
        request.number = 20
        request.follow = true
        request.whitelist = [filter, Flow_FlowFilter()]
        request.blacklist = [filter]
        request.since = Google_Protobuf_Timestamp(seconds: -62_135_596_800, nanos: 999_999_999)
        request.fieldMask.paths = ["time", "source.namespace"]
        let bytes: [UInt8] = try request.serializedBytes()
        #expect(try Self.decode(bytes, as: Observer_GetFlowsRequest.self) == request)
        // Negative numbers, packed enums and a message of 128 bytes or more (a two-byte length).
        #expect(request.protoBytes(capacity: 1) == bytes)
    }

    @Test func repeatedNumbersAreReadPackedOrOneByOne() throws {
        // FlowFilter.source_identity (field 19, tag 0x98 0x01) as three unpacked varints, then
        // packed [4, 300] (tag 0x9A 0x01).
        let bytes: [UInt8] = [0x98, 0x01, 1, 0x98, 0x01, 2, 0x98, 0x01, 3, 0x9A, 0x01, 3, 4, 0xAC, 0x02]
        let filter = try Self.decode(bytes, as: Flow_FlowFilter.self)
        #expect(filter.sourceIdentity == [1, 2, 3, 4, 300])
    }

    @Test func unknownFieldsAndUnexpectedWireTypesAreSkipped() throws {
        var flow = Flow()
        flow.nodeName = "kind-worker"
        flow.verdict = .dropped
        var bytes: [UInt8] = try flow.serializedBytes()
        // Field 9999 as a varint, a fixed64, a fixed32 and a string; node_name (11) sent as a varint.
        bytes += [0xF8, 0xE1, 0x04, 0x96, 0x01]
        bytes += [0xF9, 0xE1, 0x04] + Array(repeating: 7, count: 8)
        bytes += [0xFD, 0xE1, 0x04, 1, 2, 3, 4]
        bytes += [0xFA, 0xE1, 0x04, 2, 0x68, 0x69]
        bytes += [11 << 3, 5]
        #expect(try Self.decode(bytes, as: Flow.self) == flow)
    }

    /// A message field repeated on the wire merges into the one read before, a oneof's member too
    /// (found by the protobuf fuzzer: the second `lost_events` replaced the first).
    @Test func aOneofMessageSentTwiceIsMerged() throws {
        var first = FlowEnvelope()
        first.lostEvents.source = .perfEventRingBuffer
        var second = FlowEnvelope()
        second.lostEvents.numEventsLost = 5
        var flowFirst = FlowEnvelope()
        flowFirst.flow.nodeName = "kind-worker"
        var flowSecond = FlowEnvelope()
        flowSecond.flow.verdict = .dropped
        for (a, b) in [(first, second), (flowFirst, flowSecond)] {
            let bytes: [UInt8] = try a.serializedBytes() + b.serializedBytes()
            let theirs = try FlowEnvelope(serializedBytes: bytes)
            #expect(try Self.decode(bytes, as: FlowEnvelope.self) == theirs)
        }
        #expect(try Self.decode(try first.serializedBytes() + second.serializedBytes(), as: FlowEnvelope.self).lostEvents.source == .perfEventRingBuffer)
    }

    @Test func bytesThatEndInsideAFieldAreRefused() throws {
        let envelope = try Self.envelopes("real").max { (try? $0.serializedBytes() as [UInt8])?.count ?? 0 < (try? $1.serializedBytes() as [UInt8])?.count ?? 0 }!
        let bytes: [UInt8] = try envelope.serializedBytes()
        var refused = 0
        for length in 0..<bytes.count {
            do {
                _ = try Self.decode(Array(bytes[..<length]), as: FlowEnvelope.self)
            } catch {
                refused += 1
            }
        }
        // A prefix that ends between two top-level fields is a valid (shorter) message.
        #expect(refused > bytes.count / 2)
        #expect(throws: ProtoDecodingError.truncated) { try Self.decode([10, 200], as: FlowEnvelope.self) }
        #expect(throws: ProtoDecodingError.self) { try Self.decode([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], as: FlowEnvelope.self) }
    }
}
