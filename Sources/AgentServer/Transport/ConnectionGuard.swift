import NIOCore
import Synchronization

/// Bounds what connections can take from the agent: at most `maximumConnections` at once (the next
/// is closed at once, so that idle sockets cannot exhaust descriptors and starve `status`), and a
/// connection that has not sent HTTP/2's preface and first frame within `handshakeTimeout` is closed
/// (a slowloris client sending a byte now and then is never served).
public final class ConnectionGuard: Sendable {
    public let maximumConnections: Int
    public let handshakeTimeout: TimeAmount
    private let open = Atomic<Int>(0)

    public init(maximumConnections: Int = 1_000, handshakeTimeout: TimeAmount = .seconds(10)) {
        self.maximumConnections = max(1, maximumConnections)
        self.handshakeTimeout = handshakeTimeout
    }

    /// Connections open now.
    public var openConnections: Int { open.load(ordering: .relaxed) }

    /// Admits `channel` or closes it; an admitted channel gets the handshake deadline. Returns
    /// whether it was admitted.
    @discardableResult
    public func admit(_ channel: any Channel) throws -> Bool {
        let count = open.add(1, ordering: .relaxed).newValue
        channel.closeFuture.whenComplete { _ in self.open.subtract(1, ordering: .relaxed) }
        guard count <= maximumConnections else {
            channel.close(promise: nil)
            return false
        }
        try channel.pipeline.syncOperations.addHandler(HandshakeDeadline(timeout: handshakeTimeout), position: .first)
        return true
    }

    /// Closes the connection unless the client's preface and its SETTINGS frame header (24 + 9
    /// bytes) arrive in time; then it steps out of the way.
    final class HandshakeDeadline: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer

        static let handshakeBytes = 24 + 9
        private let timeout: TimeAmount
        private var received = 0
        private var deadline: Scheduled<Void>?

        init(timeout: TimeAmount) { self.timeout = timeout }

        func handlerAdded(context: ChannelHandlerContext) {
            let channel = context.channel
            deadline = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            deadline?.cancel()
            deadline = nil
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            received += unwrapInboundIn(data).readableBytes
            context.fireChannelRead(data)
            if received >= Self.handshakeBytes {
                deadline?.cancel()
                deadline = nil
                context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
            }
        }
    }
}
