import AgentServer
import GRPCNIOTransportHTTP2
import NIOCore
import NIOEmbedded
import Testing

/// What one client can take from the agent is bounded: connections at once, and the time a
/// connection may take to start speaking HTTP/2.
@Suite struct ConnectionGuardTests {
    static let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8) + [0, 0, 6, 0x4, 0, 0, 0, 0, 0, 0, 0x4, 0, 0, 0xFF, 0xFF]

    @Test func connectionsBeyondTheLimitAreClosedAndTheirPlacesFreed() throws {
        let connections = ConnectionGuard(maximumConnections: 2)
        let loop = EmbeddedEventLoop()
        let channels = (0..<3).map { _ in EmbeddedChannel(loop: loop) }
        for channel in channels { try channel.connect(to: .init(ipAddress: "127.0.0.1", port: 1)).wait() }
        #expect(try connections.admit(channels[0]))
        #expect(try connections.admit(channels[1]))
        #expect(try !connections.admit(channels[2]))
        loop.run()
        #expect(!channels[2].isActive)
        #expect(connections.openConnections == 2)
        // One closes: the next is admitted.
        try channels[0].close().wait()
        loop.run()
        let next = EmbeddedChannel(loop: loop)
        try next.connect(to: .init(ipAddress: "127.0.0.1", port: 1)).wait()
        #expect(try connections.admit(next))
        _ = try? channels[1].finish()
        _ = try? next.finish()
    }

    @Test func aConnectionThatDoesNotStartHTTP2InTimeIsClosed() throws {
        let connections = ConnectionGuard(maximumConnections: 10, handshakeTimeout: .seconds(10))
        let loop = EmbeddedEventLoop()
        let slow = EmbeddedChannel(loop: loop)
        try slow.connect(to: .init(ipAddress: "127.0.0.1", port: 1)).wait()
        #expect(try connections.admit(slow))
        // A byte now and then, as slowloris does: not the handshake.
        for _ in 0..<9 {
            try slow.writeInbound(ByteBuffer(bytes: [0x50]))
            loop.advanceTime(by: .seconds(1))
        }
        #expect(slow.isActive)
        loop.advanceTime(by: .seconds(2))
        #expect(!slow.isActive)
    }

    @Test func aConnectionThatStartsHTTP2IsLeftAlone() throws {
        let connections = ConnectionGuard(maximumConnections: 10, handshakeTimeout: .seconds(10))
        let loop = EmbeddedEventLoop()
        let client = EmbeddedChannel(loop: loop)
        try client.connect(to: .init(ipAddress: "127.0.0.1", port: 1)).wait()
        #expect(try connections.admit(client))
        try client.writeInbound(ByteBuffer(bytes: Self.preface))
        loop.advanceTime(by: .seconds(60))
        #expect(client.isActive)
        var read: [UInt8] = []
        while let buffer = try client.readInbound(as: ByteBuffer.self) { read += buffer.readableBytesView }
        #expect(read == Self.preface)
        _ = try? client.finish()
    }

    @Test func theTransportAdvertisesItsBounds() {
        let config = AgentTransport.config()
        #expect(config.http2.maxConcurrentStreams == AgentTransport.maximumStreamsPerConnection)
        #expect(config.connection.maxIdleTime == AgentTransport.maximumIdleTime)
        #expect(config.rpc.maxRequestPayloadSize == AgentTransport.maximumRequestSize)
    }
}
