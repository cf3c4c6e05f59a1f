import NIOCore
import NIOHPACK
import Testing
@testable import FlowClient

/// The HTTP/2 side of a GetFlows call, bytes in and bytes out, with frames made here as RFC 9113
/// lays them out.
@Suite struct HTTP2CallConnectionTests {
    typealias Connection = HTTP2CallConnection

    struct Frame: Equatable {
        var type: UInt8
        var flags: UInt8
        var stream: UInt32
        var payload: [UInt8]
    }

    static func frame(_ type: UInt8, flags: UInt8 = 0, stream: UInt32 = 0, _ payload: [UInt8] = []) -> [UInt8] {
        [UInt8(payload.count >> 16 & 0xFF), UInt8(payload.count >> 8 & 0xFF), UInt8(payload.count & 0xFF), type, flags]
            + withUnsafeBytes(of: stream.bigEndian, Array.init) + payload
    }

    static func uint32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }

    static func block(_ headers: HPACKHeaders) -> [UInt8] {
        var encoder = HPACKEncoder(allocator: ByteBufferAllocator())
        var buffer = ByteBuffer()
        try! encoder.encode(headers: headers, to: &buffer)
        return Array(buffer.readableBytesView)
    }

    static let serverSettings = frame(0x4, [0, 5, 0, 0, 0x40, 0])  // MAX_FRAME_SIZE 16,384
    static let response: HPACKHeaders = [":status": "200", "content-type": "application/grpc"]
    static let trailers: HPACKHeaders = ["grpc-status": "0"]

    /// Parses what the connection wrote (after the client preface, when it is there).
    static func frames(_ bytes: ByteBuffer?) -> [Frame] {
        guard var bytes else { return [] }
        let preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
        if bytes.getString(at: bytes.readerIndex, length: min(24, bytes.readableBytes)) == preface { bytes.moveReaderIndex(forwardBy: 24) }
        var frames: [Frame] = []
        while bytes.readableBytes >= 9 {
            let high = Int(bytes.readInteger(as: UInt8.self)!)
            let length = high << 16 | Int(bytes.readInteger(as: UInt16.self)!)
            let type = bytes.readInteger(as: UInt8.self)!
            let flags = bytes.readInteger(as: UInt8.self)!
            let stream = bytes.readInteger(as: UInt32.self)!
            frames.append(Frame(type: type, flags: flags, stream: stream, payload: bytes.readBytes(length: length)!))
        }
        #expect(bytes.readableBytes == 0)
        return frames
    }

    static func open(request: Int = 10) throws -> Connection {
        try Connection(requestHeaders: [":method": "POST", ":path": "/observer.Observer/GetFlows"], request: ByteBuffer(bytes: [UInt8](repeating: 7, count: request)), allocator: ByteBufferAllocator())
    }

    /// Feeds `bytes` in reads of `chunk` bytes; returns what the events said.
    static func feed(_ connection: inout Connection, _ bytes: [UInt8], chunk: Int = .max) throws -> (data: [UInt8], events: [String]) {
        var data: [UInt8] = []
        var events: [String] = []
        var offset = 0
        while offset < bytes.count {
            let end = offset + min(bytes.count - offset, chunk)
            try connection.receive(ByteBuffer(bytes: bytes[offset..<end])) { event in
                switch event {
                case .prefaceReceived: events.append("preface")
                case .data(let chunk): data += chunk.readableBytesView
                case .headers(let headers, let endStream): events.append("headers \(headers.first(name: ":status") ?? headers.first(name: "grpc-status") ?? "") \(endStream)")
                case .dataEnded: events.append("data ended")
                case .reset(let code): events.append("reset \(code)")
                case .goAway(let last, let code, let debug): events.append("goaway \(last) \(code) \(debug)")
                }
            }
            offset = end
        }
        return (data, events)
    }

    @Test func opensWithThePrefaceSettingsAWiderWindowAndTheRequest() throws {
        var connection = try Self.open()
        let bytes = connection.takeOutbound()!
        #expect(bytes.getString(at: 0, length: 24) == "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
        let frames = Self.frames(bytes)
        #expect(frames.map(\.type) == [0x4, 0x8, 0x1, 0x0])
        #expect(frames[0].payload == [0, 2] + Self.uint32(0) + [0, 4] + Self.uint32(1 << 20) + [0, 5] + Self.uint32(1 << 20) + [0, 6] + Self.uint32(UInt32(HPACKDecoder.defaultMaxHeaderListSize)))
        #expect(frames[1].stream == 0 && frames[1].payload == Self.uint32(UInt32((8 << 20) - 65_535)))
        var decoder = HPACKDecoder(allocator: ByteBufferAllocator())
        var block = ByteBuffer(bytes: frames[2].payload)
        #expect(try decoder.decodeHeaders(from: &block).first(name: ":path") == "/observer.Observer/GetFlows")
        #expect(frames[2].stream == 1 && frames[2].flags == 0x4)
        #expect(frames[3] == Frame(type: 0x0, flags: 0x1, stream: 1, payload: [UInt8](repeating: 7, count: 10)))
        let nothing = connection.takeOutbound()
        #expect(nothing == nil)
    }

    @Test func aLargeRequestWaitsForTheServersWindowsAndFrameSize() throws {
        var connection = try Self.open(request: 100_000)
        let first = Self.frames(connection.takeOutbound()).filter { $0.type == 0x0 }
        // The default windows (65,535) in frames of the default size (16,384); the stream not ended.
        #expect(first.map(\.payload.count) == [16_384, 16_384, 16_384, 16_383])
        #expect(first.allSatisfy { $0.flags == 0 })
        let settings = Self.frame(0x4, [0, 5] + Self.uint32(1 << 20) + [0, 4] + Self.uint32(200_000))
        _ = try Self.feed(&connection, settings)
        // The stream's window grew by the difference, the connection's did not: only the ACK.
        let acknowledged = Self.frames(connection.takeOutbound())
        #expect(acknowledged == [Frame(type: 0x4, flags: 0x1, stream: 0, payload: [])])
        _ = try Self.feed(&connection, Self.frame(0x8, Self.uint32(50_000)))
        let rest = Self.frames(connection.takeOutbound())
        #expect(rest.map(\.payload.count) == [34_465])
        #expect(rest.map(\.flags) == [0x1])
    }

    @Test func aRequestCutShortByTheServerIsNotSentOn() throws {
        var connection = try Self.open(request: 100_000)
        _ = connection.takeOutbound()
        let reset = Self.frame(0x3, stream: 1, Self.uint32(7))
        _ = try Self.feed(&connection, Self.frame(0x4, [0, 5] + Self.uint32(1 << 20)) + reset + Self.frame(0x8, Self.uint32(1 << 20)) + Self.frame(0x8, stream: 1, Self.uint32(1 << 20)))
        let sent = Self.frames(connection.takeOutbound())
        #expect(sent == [Frame(type: 0x4, flags: 0x1, stream: 0, payload: [])])
    }

    @Test func pingsAreAnsweredAndSettingsAcknowledged() throws {
        var connection = try Self.open()
        _ = connection.takeOutbound()
        _ = try Self.feed(&connection, Self.serverSettings + Self.frame(0x6, [1, 2, 3, 4, 5, 6, 7, 8]) + Self.frame(0x6, flags: 0x1, [9, 9, 9, 9, 9, 9, 9, 9]))
        let answers = Self.frames(connection.takeOutbound())
        #expect(answers == [
            Frame(type: 0x4, flags: 0x1, stream: 0, payload: []), Frame(type: 0x6, flags: 0x1, stream: 0, payload: [1, 2, 3, 4, 5, 6, 7, 8]),
        ])
    }

    /// A response whose frames use everything a server may: padding, priority, CONTINUATION,
    /// frames of unknown type and PRIORITY between them; read whole and one byte at a time.
    @Test(arguments: [Int.max, 1, 7, 9, 10])
    func aResponseReadInAnyPiecesMeansTheSame(chunk: Int) throws {
        let headerBlock = Self.block(Self.response)
        let payload = (0..<3_000).map { UInt8($0 % 251) }
        let bytes = Self.serverSettings
            + Self.frame(0x1, flags: 0x8 | 0x20, stream: 1, [3] + [0, 0, 0, 0, 16] + headerBlock.prefix(4) + [0, 0, 0])
            + Self.frame(0x9, flags: 0x4, stream: 1, Array(headerBlock.dropFirst(4)))
            + Self.frame(0x2, stream: 1, [0, 0, 0, 0, 16])
            + Self.frame(0xFA, stream: 0, [1, 2, 3])
            + Self.frame(0x0, stream: 1, Array(payload[0..<1_000]))
            + Self.frame(0x0, flags: 0x8, stream: 1, [5] + Array(payload[1_000..<2_000]) + [0, 0, 0, 0, 0])
            + Self.frame(0x0, stream: 1, [])
            + Self.frame(0x0, stream: 1, Array(payload[2_000...]))
            + Self.frame(0x1, flags: 0x5, stream: 1, Self.block(Self.trailers))
        var connection = try Self.open()
        let read = try Self.feed(&connection, bytes, chunk: chunk)
        #expect(read.data == payload)
        #expect(read.events == ["preface", "headers 200 false", "headers 0 true"])
    }

    @Test func dataEndingTheStreamWithoutTrailersIsTold() throws {
        var connection = try Self.open()
        let read = try Self.feed(&connection, Self.serverSettings + Self.frame(0x1, flags: 0x4, stream: 1, Self.block(Self.response)) + Self.frame(0x0, flags: 0x1, stream: 1, [1, 2]))
        #expect(read.data == [1, 2])
        #expect(read.events == ["preface", "headers 200 false", "data ended"])
    }

    @Test func theServersWindowIsCreditedOnlyAsTheReaderTakesIt() throws {
        var connection = try Self.open()
        _ = connection.takeOutbound()
        let chunk = [UInt8](repeating: 1, count: 16_384)
        var bytes = Self.frame(0x4, [0, 5] + Self.uint32(1 << 20)) + Self.frame(0x1, flags: 0x4, stream: 1, Self.block(Self.response))
        for _ in 0..<40 { bytes += Self.frame(0x0, stream: 1, chunk) }
        _ = try Self.feed(&connection, bytes)
        _ = connection.takeOutbound()
        // Nothing taken yet: nothing credited.
        let before = connection.credit()
        connection.taken(300_000)
        let underHalf = connection.credit()
        connection.taken(40 * 16_384 - 300_000)
        let overHalf = connection.credit()
        #expect(!before && !underHalf && overHalf)
        let updates = Self.frames(connection.takeOutbound())
        #expect(updates == [Frame(type: 0x8, flags: 0, stream: 1, payload: Self.uint32(40 * 16_384))])
    }

    @Test func moreThanTheWindowIsAFlowControlError() throws {
        var connection = try Self.open()
        _ = connection.takeOutbound()
        var bytes = Self.frame(0x4, [0, 5] + Self.uint32(1 << 20)) + Self.frame(0x1, flags: 0x4, stream: 1, Self.block(Self.response))
        bytes += Self.frame(0x0, stream: 1, [UInt8](repeating: 0, count: 1 << 20))
        bytes += Self.frame(0x0, stream: 1, [0])
        do {
            _ = try Self.feed(&connection, bytes)
            Issue.record("no error")
        } catch let error as Connection.ConnectionError {
            #expect(error.code == .flowControlError)
        }
        let goAway = Self.frames(connection.takeOutbound()).last
        #expect(goAway == Frame(type: 0x7, flags: 0, stream: 0, payload: Self.uint32(0) + Self.uint32(3)))
    }

    @Test func resetsAndGoAwaysAreTold() throws {
        var connection = try Self.open()
        let read = try Self.feed(&connection, Self.serverSettings + Self.frame(0x7, Self.uint32(1) + Self.uint32(0) + Array("draining".utf8)) + Self.frame(0x3, stream: 1, Self.uint32(7)))
        #expect(read.events == ["preface", "goaway 1 NO_ERROR draining", "reset REFUSED_STREAM"])
    }

    @Test(arguments: [
        ("HTTP/1.1 400 Bad Request\r\n\r\n", "the server does not speak HTTP/2 (if it serves TLS, use tls:// or --tls)"),
        ("\u{15}\u{03}\u{01}\u{00}\u{02}\u{02}\u{46}\u{00}\u{00}", "the server does not speak HTTP/2 (if it serves TLS, use tls:// or --tls)"),
    ])
    func bytesThatAreNotHTTP2AreToldAsSuch(answer: String, message: String) throws {
        var connection = try Self.open()
        do {
            _ = try Self.feed(&connection, Array(answer.utf8))
            Issue.record("no error")
        } catch let error as Connection.ConnectionError {
            #expect(error.notHTTP2 && error.message == message)
        }
    }

    @Test func framesBreakingTheProtocolEndTheConnection() throws {
        let cases: [([UInt8], Connection.ErrorCode)] = [
            (Self.frame(0x0, stream: 3, [1]), .protocolError),
            (Self.frame(0x5, stream: 1, Self.uint32(2)), .protocolError),
            (Self.frame(0x6, [1, 2, 3]), .frameSizeError),
            (Self.frame(0x4, [0, 5] + Self.uint32(100)), .protocolError),
            ([0x20, 0, 0, 0x0, 0, 0, 0, 0, 1], .frameSizeError),
            (Self.frame(0x1, stream: 1, [0x82]) + Self.frame(0x0, stream: 1, [1]), .protocolError),
        ]
        for (bytes, code) in cases {
            var connection = try Self.open()
            _ = connection.takeOutbound()
            do {
                _ = try Self.feed(&connection, Self.serverSettings + bytes)
                Issue.record("no error for \(bytes.prefix(12))")
            } catch let error as Connection.ConnectionError {
                #expect(error.code == code, "\(bytes.prefix(12))")
                // The server is told why before the connection closes.
                let goAway = Self.frames(connection.takeOutbound()).last
                #expect(goAway?.type == 0x7 && goAway?.payload.suffix(4) == Self.uint32(code.value)[...])
            }
        }
    }
}
