import GRPCNIOTransportHTTP2
import NIOCore
import NIOHTTP2

/// The HTTP/2 transport the agent serves on.
public enum AgentTransport {
    /// The transport's defaults, with the client's PINGs answered below the HTTP/2 handler
    /// (`PingResponder`) so that grpc-go clients keep their streams however long they last.
    public static var config: HTTP2ServerTransport.Posix.Config {
        .defaults { config in
            config.channelDebuggingCallbacks.onAcceptTCPConnection = { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    let http2 = try pipeline.handler(type: NIOHTTP2Handler.self)
                    try pipeline.addHandler(PingResponder(), position: .before(http2))
                }
            }
        }
    }
}
