import AgentServer
import NIOCore
import NIOEmbedded
import Testing

/// The client's PINGs are answered below the HTTP/2 handler: removed from what it reads, answered
/// between two outbound frames, however the bytes are split.
@Suite struct PingResponderTests {
    static let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)
    static let settings: [UInt8] = [0, 0, 6, 0x4, 0, 0, 0, 0, 0, 0, 0x4, 0, 0, 0xFF, 0xFF]
    static func ping(_ payload: UInt8, ack: Bool = false) -> [UInt8] {
        [0, 0, 8, 0x6, ack ? 1 : 0, 0, 0, 0, 0] + Array(repeating: payload, count: 8)
    }
    static func data(_ bytes: [UInt8], stream: UInt8 = 1) -> [UInt8] {
        [0, 0, UInt8(bytes.count), 0x0, 0, 0, 0, 0, stream] + bytes
    }

    func channel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(PingResponder())
        return channel
    }

    func read(_ channel: EmbeddedChannel) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while let buffer = try channel.readInbound(as: ByteBuffer.self) { bytes += buffer.readableBytesView }
        return bytes
    }

    func written(_ channel: EmbeddedChannel) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while let data = try channel.readOutbound(as: IOData.self) {
            if case .byteBuffer(let buffer) = data { bytes += buffer.readableBytesView }
        }
        return bytes
    }

    @Test func pingsAreAnsweredAndRemovedWhateverTheSplit() throws {
        let input = Self.preface + Self.settings + Self.ping(7) + Self.data([1, 2, 3]) + Self.ping(9) + Self.ping(5, ack: true)
        for split in [1, 2, 5, 9, 13, 17, input.count] {
            let channel = try channel()
            var at = 0
            while at < input.count {
                let end = min(at + split, input.count)
                try channel.writeInbound(channel.allocator.buffer(bytes: input[at..<end]))
                at = end
            }
            // Everything but the two PINGs reaches the HTTP/2 handler; the client's ACK does too.
            #expect(try read(channel) == Self.preface + Self.settings + Self.data([1, 2, 3]) + Self.ping(5, ack: true), "split \(split)")
            #expect(try written(channel) == Self.ping(7, ack: true) + Self.ping(9, ack: true), "split \(split)")
            _ = try channel.finish()
        }
    }

    @Test func anAnswerWaitsForTheOutboundFrameToEnd() throws {
        let channel = try channel()
        // The server is half-way through a DATA frame (its header written, not its payload).
        let frame = Self.data([1, 2, 3, 4])
        try channel.writeOutbound(IOData.byteBuffer(channel.allocator.buffer(bytes: frame[0..<9])))
        try channel.writeInbound(channel.allocator.buffer(bytes: Self.preface + Self.ping(3)))
        #expect(try written(channel) == Array(frame[0..<9]))
        try channel.writeOutbound(IOData.byteBuffer(channel.allocator.buffer(bytes: frame[9...])))
        #expect(try written(channel) == Array(frame[9...]) + Self.ping(3, ack: true))
        _ = try channel.finish()
    }

    @Test func anAnswerIsFlushedWithWhatTheReadLetsOut() throws {
        let channel = try channel()
        channel.pipeline.syncOperations.fireChannelRead(NIOAny(channel.allocator.buffer(bytes: Self.preface + Self.ping(4))))
        #expect(try written(channel).isEmpty, "held until the read completes")
        channel.pipeline.syncOperations.fireChannelReadComplete()
        #expect(try written(channel) == Self.ping(4, ack: true))
        // Flushed by the HTTP/2 handler's own flush at the end of the read: once, with its frames.
        channel.pipeline.syncOperations.fireChannelRead(NIOAny(channel.allocator.buffer(bytes: Self.ping(6))))
        channel.write(IOData.byteBuffer(channel.allocator.buffer(bytes: Self.data([8]))), promise: nil)
        channel.flush()
        #expect(try written(channel) == Self.ping(6, ack: true) + Self.data([8]))
        _ = try channel.finish()
    }

    @Test func aPingOnAStreamOrOfTheWrongSizeIsLeftToTheHTTP2Handler() throws {
        let channel = try channel()
        let onStream: [UInt8] = [0, 0, 8, 0x6, 0, 0, 0, 0, 1] + Array(repeating: 1, count: 8)
        let short: [UInt8] = [0, 0, 4, 0x6, 0, 0, 0, 0, 0, 1, 2, 3, 4]
        try channel.writeInbound(channel.allocator.buffer(bytes: Self.preface + onStream + short))
        #expect(try read(channel) == Self.preface + onStream + short)
        #expect(try written(channel).isEmpty)
        _ = try channel.finish()
    }

    @Test func aClientThatNeverReadsItsAnswersIsDisconnected() throws {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(PingResponder(maxPending: 4))
        // Half a frame written: no answer can go out.
        try channel.writeOutbound(IOData.byteBuffer(channel.allocator.buffer(bytes: Self.data([1, 2])[0..<9])))
        try channel.writeInbound(channel.allocator.buffer(bytes: Self.preface + (0..<5).flatMap { Self.ping($0) }))
        #expect(!channel.isActive)
    }
}
