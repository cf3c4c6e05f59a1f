import NIOCore
import NIOHTTP2

/// Removes the connection's WINDOW_UPDATE frames above the HTTP/2 handler, which has applied them
/// already (RFC 9113 §6.9): swift-nio-http2 passes every frame of stream 0 on to the connection's
/// pipeline (`HTTP2CommonInboundStreamMultiplexer.receivedFrame`), where grpc-swift hands each to
/// an async sequence it reads only to learn when the connection ends. A client reading a long
/// GetFlows stream credits the connection's window every few tens of kilobytes (grpc-go: at a
/// quarter of its window), and each credit woke a thread of the global executor, then the loop
/// again. Other frames (PING for the keep-alive, GOAWAY, SETTINGS) pass.
final class ConnectionWindowUpdateFilter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTP2Frame
    typealias InboundOut = HTTP2Frame

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .windowUpdate = unwrapInboundIn(data).payload { return }
        context.fireChannelRead(data)
    }
}
