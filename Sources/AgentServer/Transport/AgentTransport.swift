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

    /// The transport's defaults with the agent's bounds, the client's PINGs answered below the
    /// HTTP/2 handler (`PingResponder`) so that grpc-go clients keep their streams however long
    /// they last, `connections` admitting each connection, and GetFlows served by `getFlows` on
    /// the HTTP/2 stream itself (`GetFlowsStreamHandler`) when given.
    public static func config(connections: ConnectionGuard = ConnectionGuard(), getFlows: DirectGetFlows? = nil) -> HTTP2ServerTransport.Posix.Config {
        .defaults { config in
            config.http2.maxConcurrentStreams = maximumStreamsPerConnection
            config.connection.maxIdleTime = maximumIdleTime
            config.rpc.maxRequestPayloadSize = maximumRequestSize
            config.channelDebuggingCallbacks.onAcceptTCPConnection = { channel in
                channel.eventLoop.makeCompletedFuture {
                    guard try connections.admit(channel) else { return }
                    let pipeline = channel.pipeline.syncOperations
                    let http2 = try pipeline.handler(type: NIOHTTP2Handler.self)
                    try pipeline.addHandler(PingResponder(), position: .before(http2))
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
