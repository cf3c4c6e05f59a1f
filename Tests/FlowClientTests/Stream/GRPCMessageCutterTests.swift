import FlowModel
import GRPCCore
import HubbleAPI
import NIOCore
import SwiftProtobuf
import Testing
@testable import FlowClient

/// gRPC's length-prefixed messages cut out of DATA however it arrives, and decoded by the reader.
@Suite struct GRPCMessageCutterTests {
    /// Three flows, each a length-prefixed message, one after the other.
    static let records: [FlowEnvelope] = (1...3).map { index in
        var record = FlowEnvelope()
        record.flow.time = Google_Protobuf_Timestamp(seconds: 1_700_000_000 + Int64(index), nanos: 0)
        record.flow.source.podName = "pod-\(index)"
        record.flow.verdict = .forwarded
        return record
    }

    static func framed(_ record: FlowEnvelope) throws -> [UInt8] {
        let message: [UInt8] = try record.serializedBytes()
        return [0] + withUnsafeBytes(of: UInt32(message.count).bigEndian, Array.init) + message
    }

    /// Cuts `bytes` arriving in pieces of `chunk` bytes; returns the runs handed over, decoded.
    static func cut(_ bytes: [UInt8], chunk: Int) throws -> (records: [FlowEnvelope], runs: Int, holdsPartial: Bool) {
        var cutter = GRPCMessageCutter()
        var records: [FlowEnvelope] = []
        var runs = 0
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunk, bytes.count)
            try cutter.cut(ByteBuffer(bytes: bytes[offset..<end])) { run in
                runs += 1
                #expect((try? GRPCMessageCutter.decode(run, into: &records)) != nil)
            }
            offset = end
        }
        return (records, runs, cutter.holdsPartialMessage)
    }

    @Test(arguments: [Int.max, 1, 3, 5, 6, 17, 64])
    func messagesReadInAnyPiecesComeOutWhole(chunk: Int) throws {
        let bytes = try Self.records.flatMap(Self.framed)
        let (records, runs, holdsPartial) = try Self.cut(bytes, chunk: chunk)
        #expect(records == Self.records)
        #expect(!holdsPartial)
        if chunk == .max { #expect(runs == 1) }
    }

    @Test func aMessageNotEndedIsHeldUntilItsEnd() throws {
        let bytes = try Self.records.flatMap(Self.framed)
        let (records, _, holdsPartial) = try Self.cut(Array(bytes.dropLast(2)), chunk: .max)
        #expect(records == Array(Self.records.prefix(2)))
        #expect(holdsPartial)
    }

    /// Once a held message is complete, the messages after it in the same read are handed over as a
    /// view of that read: only the held message's bytes are copied.
    @Test func theMessagesAfterAHeldOneStayWhereTheyWereRead() throws {
        let first = try Self.framed(Self.records[0])
        let rest = try Self.records.dropFirst().flatMap(Self.framed)
        var cutter = GRPCMessageCutter()
        try cutter.cut(ByteBuffer(bytes: first.prefix(4))) { _ in Issue.record("nothing is whole yet") }
        let read = ByteBuffer(bytes: first.dropFirst(4) + rest)
        var runs: [ByteBuffer] = []
        try cutter.cut(read) { runs.append($0) }
        #expect(runs.count == 2)
        #expect(runs.map(\.readableBytes) == [first.count, rest.count])
        let readStart = read.withUnsafeReadableBytes { UInt(bitPattern: $0.baseAddress) }
        let restStart = runs[1].withUnsafeReadableBytes { UInt(bitPattern: $0.baseAddress) }
        #expect(restStart == readStart + UInt(first.count - 4))
    }

    @Test(arguments: [Int.max, 1, 2])
    func aCompressedOrOversizedMessageEndsTheCall(chunk: Int) throws {
        let compressed: [UInt8] = [1, 0, 0, 0, 1, 0]
        let oversized: [UInt8] = [0] + withUnsafeBytes(of: UInt32(GRPCMessageCutter.maxMessageBytes + 1).bigEndian, Array.init)
        for (bytes, expected) in [(compressed, "compressed message"), (oversized, "a message of \(GRPCMessageCutter.maxMessageBytes + 1) bytes")] {
            do {
                _ = try Self.cut(bytes, chunk: chunk)
                Issue.record("no failure for \(bytes)")
            } catch let failure as FlowStream.Failure {
                #expect(failure.message.contains(expected), "\(failure.message)")
            }
        }
    }

    /// A bad prefix after whole messages in the same read: those messages still go to the reader.
    @Test(arguments: [Int.max, 7])
    func theMessagesBeforeABadPrefixAreHandedOver(chunk: Int) throws {
        let bytes = try Self.records.prefix(2).flatMap(Self.framed) + [1, 0, 0, 0, 1, 0]
        var cutter = GRPCMessageCutter()
        var records: [FlowEnvelope] = []
        var failure: FlowStream.Failure?
        var offset = 0
        while offset < bytes.count, failure == nil {
            let end = min(offset + chunk, bytes.count)
            do {
                try cutter.cut(ByteBuffer(bytes: bytes[offset..<end])) { run in
                    #expect((try? GRPCMessageCutter.decode(run, into: &records)) != nil)
                }
            } catch {
                failure = error
            }
            offset = end
        }
        #expect(records == Array(Self.records.prefix(2)))
        #expect(failure?.message.contains("compressed message") == true)
    }

    /// An empty message is a response with nothing set, as protobuf encodes one.
    @Test func anEmptyMessageIsAnEmptyResponse() throws {
        let bytes: [UInt8] = [0, 0, 0, 0, 0] + (try Self.framed(Self.records[0]))
        let (records, runs, holdsPartial) = try Self.cut(bytes, chunk: .max)
        #expect(records == [FlowEnvelope(), Self.records[0]])
        #expect(runs == 1)
        #expect(!holdsPartial)
    }

    /// A message that does not decode: the records before it are kept, then the call fails.
    @Test func theRecordsBeforeAnUndecodableMessageAreKept() throws {
        let bytes = try Self.framed(Self.records[0]) + [0, 0, 0, 0, 2, 0x0A, 0x7F]
        var records: [FlowEnvelope] = []
        var failure: FlowStream.Failure?
        var cutter = GRPCMessageCutter()
        try cutter.cut(ByteBuffer(bytes: bytes)) { run in
            do throws(FlowStream.Failure) {
                try GRPCMessageCutter.decode(run, into: &records)
            } catch {
                failure = error
            }
        }
        #expect(records == [Self.records[0]])
        #expect(failure?.code == .internalError)
        #expect(failure?.message.hasPrefix("cannot decode the server's message") == true)
    }
}
