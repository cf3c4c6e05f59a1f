import GRPCNIOTransportHTTP2
import NIOCore
import NIOHTTP2

/// The HTTP/2 transport the agent serves on.
public enum AgentTransport {
    /// Streams a client may open on one connection, advertised in SETTINGS: the next is refused on
    /// its own (REFUSED_STREAM) instead of the connection going away with the others.
    public static let maximumStreamsPerConnection = 100
    /// A connection without a stream for this long is closed.
    public static let maximumIdleTime: Duration = .seconds(300)
    /// The largest request message accepted.
    public static let maximumRequestSize = 1 << 20
    /// How many bytes a connection holds unwritten before it stops taking more: the HTTP/2 handler
    /// hands frames to the socket only while the connection is writable, so at NIO's default
    /// (64 KiB) a GetFlows batch went out one 64 KiB frame per system call, each followed by a
    /// writability change through the pipeline. A batch (about 700 KB under the default field mask)
    /// now goes to the socket in a few writes. The bytes are the batch's own: nothing is copied.
    public static let writeBufferWaterMark = ChannelOptions.Types.WriteBufferWaterMark(low: 1 << 20, high: 2 << 20)

    /// The transport's defaults with the agent's bounds, the client's PINGs answered below the
    /// HTTP/2 handler (`PingResponder`) so that grpc-go clients keep their streams however long
    /// they last, `connections` admitting each connection, and GetFlows served by `getFlows` on
    /// the HTTP/2 stream itself (`GetFlowsStreamHandler`) when given.
    public static func config(connections: ConnectionGuard = ConnectionGuard(), getFlows: DirectGetFlows? = nil) -> HTTP2ServerTransport.Posix.Config {
        .defaults { config in
            config.http2.maxConcurrentStreams = maximumStreamsPerConnection
            config.connection.maxIdleTime = maximumIdleTime
            config.rpc.maxRequestPayloadSize = maximumRequestSize
            // Flushes go out at once: grpc-swift holds a flush of less than 64 KiB for up to 100 µs
            // to gather more (a timer per flush), but GetFlows batches are flushed whole already,
            // and what a client's window credit frees (16-64 KiB from grpc-go) waited for the timer.
            config.connection.flushCoalescing = nil
            config.channelDebuggingCallbacks.onAcceptTCPConnection = { channel in
                channel.eventLoop.makeCompletedFuture {
                    guard try connections.admit(channel) else { return }
                    try channel.syncOptions?.setOption(ChannelOptions.writeBufferWaterMark, value: writeBufferWaterMark)
                    let pipeline = channel.pipeline.syncOperations
                    let http2 = try pipeline.handler(type: NIOHTTP2Handler.self)
                    try pipeline.addHandler(PingResponder(), position: .before(http2))
                    try pipeline.addHandler(ConnectionWindowUpdateFilter(), position: .after(http2))
                }
            }
            if let getFlows {
                config.channelDebuggingCallbacks.onAcceptHTTP2Stream = { stream in
                    stream.eventLoop.makeCompletedFuture {
                        try stream.pipeline.syncOperations.addHandler(GetFlowsStreamHandler(call: getFlows), position: .first)
                    }
                }
            }
        }
    }
}
