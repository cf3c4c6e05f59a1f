import NIOCore
import NIOHPACK
import NIOHTTP2

/// Serves a GetFlows call on its HTTP/2 stream itself, ahead of grpc-swift's handler, which never
/// sees the call: responses go out as gRPC's framing (a 5-byte prefix per message, gRPC over
/// HTTP/2, PROTOCOL-HTTP2.md), a whole batch of them in one DATA write that the HTTP/2 handler
/// splits to the client's frame size and window, instead of one response part, one framing copy
/// and one async hand-over per message. Any other call (and a GetFlows call that is compressed or
/// carries a deadline) passes through to grpc-swift untouched.
///
/// The handler sits first in the stream channel's pipeline; its writes go straight to the HTTP/2
/// stream. Back-pressure: a write completes once it is written within the client's flow-control
/// window; a call has one batch being written while it makes the next, so a slow reader holds its
/// streamer back.
final class GetFlowsStreamHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTP2Frame.FramePayload
    typealias InboundOut = HTTP2Frame.FramePayload
    typealias OutboundIn = HTTP2Frame.FramePayload
    typealias OutboundOut = HTTP2Frame.FramePayload

    private enum State {
        /// Before the request's headers.
        case waiting
        /// Another call: everything goes to grpc-swift.
        case passing
        /// Reading the request message.
        case reading(HPACKHeaders, ByteBuffer)
        /// The call runs (or has ended).
        case serving
    }

    private let call: DirectGetFlows
    private var state = State.waiting
    private var context: ChannelHandlerContext?
    private var task: Task<Void, Never>?

    init(call: DirectGetFlows) {
        self.call = call
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        end()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let payload = unwrapInboundIn(data)
        switch state {
        case .passing:
            context.fireChannelRead(data)
        case .waiting:
            guard case .headers(let headers) = payload, call.takes(headers.headers) else {
                state = .passing
                context.fireChannelRead(data)
                return
            }
            state = .reading(headers.headers, context.channel.allocator.buffer(capacity: 256))
            if headers.endStream { received(context: context, endStream: true) }
        case .reading(let headers, var body):
            switch payload {
            case .data(let frame):
                guard case .byteBuffer(var bytes) = frame.data else { return }
                state = .waiting  // body is uniquely referenced while it grows
                body.writeBuffer(&bytes)
                state = .reading(headers, body)
                received(context: context, endStream: frame.endStream)
            case .headers(let trailers):
                if trailers.endStream { received(context: context, endStream: true) }
            case .rstStream:
                state = .serving
            default:
                break
            }
        case .serving:
            if case .rstStream = payload { task?.cancel() }
        }
    }

    /// Starts the call once the request message is whole; refuses a request that cannot be one.
    private func received(context: ChannelHandlerContext, endStream: Bool) {
        guard case .reading(let headers, let body) = state else { return }
        let message = DirectGetFlows.Request.read(body, endStream: endStream)
        if case .incomplete = message { return }
        state = .serving
        let outlet = StreamOutlet(handler: NIOLoopBound(self, eventLoop: context.eventLoop))
        let call = self.call
        task = Task { await call.serve(headers: headers, request: message, outlet: outlet) }
    }

    /// Writes `payloads` to the stream, flushed together; the future completes once they are
    /// written to the connection (within the client's flow-control window).
    func write(_ payloads: [HTTP2Frame.FramePayload], on eventLoop: any EventLoop) -> EventLoopFuture<Void> {
        guard let context, context.channel.isActive else { return eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel) }
        guard !payloads.isEmpty else { return eventLoop.makeSucceededVoidFuture() }
        let promise = eventLoop.makePromise(of: Void.self)
        for (index, payload) in payloads.enumerated() {
            context.write(wrapOutboundOut(payload), promise: index == payloads.count - 1 ? promise : nil)
        }
        context.flush()
        return promise.futureResult
    }

    /// While the call is served here, grpc-swift's handlers behind this one have nothing to do
    /// with the stream: its writability changes (one per batch the client's window lets out) and
    /// read completions stop here.
    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if case .serving = state { return }
        context.fireChannelWritabilityChanged()
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if case .serving = state { return }
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        end()
        context.fireChannelInactive()
    }

    /// The stream is gone: the call stops (its pending writes fail with the stream).
    private func end() {
        task?.cancel()
    }
}

/// Where a GetFlows call served by `GetFlowsStreamHandler` writes, from any task.
struct StreamOutlet: Sendable {
    let handler: NIOLoopBound<GetFlowsStreamHandler>

    /// Runs a task's work on the stream's event loop.
    var executor: EventLoopTaskExecutor { EventLoopTaskExecutor(handler.eventLoop) }

    /// Writes `payloads` after what was written before; the future completes once they are written to
    /// the connection, and fails once the stream is closed.
    func write(_ payloads: [HTTP2Frame.FramePayload]) -> EventLoopFuture<Void> {
        let handler = self.handler
        if handler.eventLoop.inEventLoop { return handler.value.write(payloads, on: handler.eventLoop) }
        return handler.eventLoop.flatSubmit { handler.value.write(payloads, on: handler.eventLoop) }
    }

    /// Writes `payload` and waits until it is written.
    func send(_ payload: HTTP2Frame.FramePayload) async throws {
        try await write([payload]).get()
    }
}
