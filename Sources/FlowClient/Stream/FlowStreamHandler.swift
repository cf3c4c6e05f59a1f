import FlowModel
import GRPCCore
import NIOCore
import NIOHPACK

/// One GetFlows call on a connection of its own, as gRPC frames it over HTTP/2 (the "gRPC over
/// HTTP2" protocol: request headers and one length-prefixed message; response headers,
/// length-prefixed messages, trailers with `grpc-status`). `HTTP2CallConnection` speaks HTTP/2.
///
/// Whole messages are cut out of the DATA on the event loop, and each read's are handed to the
/// reader as one batch, which the reader decodes: one hand-over per read instead of one per
/// message. While the reader holds enough batches, the handler stops reading and stops crediting
/// the server's window: the server waits. A server that trickles (each read brings little) is read
/// again only after a short pause (`trickleDelay`), so that the reader wakes for a batch of many
/// messages, not for each few.
final class FlowStreamHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    enum State { case idle, awaitingHeaders, streaming, done }

    private let requestHeaders: HPACKHeaders
    private let request: ByteBuffer
    let source: FlowBatches.Producer.Source
    let events: FlowStream.Events
    /// Completed when the response headers arrive, failed when the call ends before.
    let answered: EventLoopPromise<Void>
    /// How long the server may take to answer (`--request-timeout`): one that accepts the
    /// connection and never answers would otherwise hang a one-shot read.
    private let answerTimeout: TimeAmount
    /// A followed stream's response headers may wait for its first flow (grpc-go sends them with
    /// the first message): the deadline then ends with the server's HTTP/2 preface.
    let headersMayWait: Bool
    var answerDeadline: Scheduled<Void>?
    var state = State.idle
    /// A read of less than this while streaming means the server trickles: the next read waits
    /// `trickleDelay`, so that a batch holds many messages, at that much more latency.
    static let trickleBytes = 16 << 10
    static let trickleDelay = TimeAmount.milliseconds(2)
    private var connection: HTTP2CallConnection?
    /// Why the server said it was going away, when it was an error.
    var goAway: String?
    /// DATA payload read since the connection last heard of it.
    var taken = 0
    var messages = GRPCMessageCutter()
    private var batch: [ByteBuffer] = []
    private var mayRead = true
    private var readPending = false
    /// Bytes read since reading was last asked for: little means the server trickles.
    private var readSinceRequest = 0
    /// The next read, while reading pauses after a read that brought little.
    var pausedRead: Scheduled<Void>?
    /// A read is being parsed (`channelRead`); a failure it meets closes the connection after it.
    private var reading = false
    private var closeAfterRead = false
    private var context: ChannelHandlerContext?

    init(
        requestHeaders: HPACKHeaders, request: ByteBuffer, source: FlowBatches.Producer.Source, events: FlowStream.Events,
        answered: EventLoopPromise<Void>, answerTimeout: TimeAmount, headersMayWait: Bool
    ) {
        self.answered = answered
        self.answerTimeout = answerTimeout
        self.headersMayWait = headersMayWait
        self.requestHeaders = requestHeaders
        self.request = request
        self.source = source
        self.events = events
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        // Added to a connection that was made (`FlowStream`); one the server closed at once is over.
        guard context.channel.isActive else {
            connectionClosed(context: context)
            return
        }
        start(context: context)
        // The connection was made without reading, so that nothing the server sends arrives before
        // this handler (`FlowStream`): reading starts now.
        try? context.channel.syncOptions?.setOption(.autoRead, value: true)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        // A call whose connection closed before it ended.
        if state != .done {
            connectionClosed(context: context)
        }
        self.context = nil
    }

    private func start(context: ChannelHandlerContext) {
        guard state == .idle else { return }
        state = .awaitingHeaders
        do {
            connection = try HTTP2CallConnection(requestHeaders: requestHeaders, request: request, allocator: context.channel.allocator)
        } catch {
            fail(FlowStream.Failure(code: .internalError, message: "cannot encode the request's headers: \(error)"), context: context)
            return
        }
        flushOutbound(context: context)
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        answerDeadline = context.eventLoop.scheduleTask(in: answerTimeout) { handler.value.answerTimedOut() }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard state != .done, var connection else { return }
        let bytes = unwrapInboundIn(data)
        readSinceRequest += bytes.readableBytes
        // Out of `self` while it reads, so that what the events do cannot reach it.
        self.connection = nil
        reading = true
        var connectionError: HTTP2CallConnection.ConnectionError?
        do {
            try connection.receive(bytes) { event in self.received(event, context: context) }
        } catch let error as HTTP2CallConnection.ConnectionError {
            connectionError = error
        } catch {
            // The events do not throw.
        }
        connection.taken(taken)
        taken = 0
        self.connection = connection
        reading = false
        if let error = connectionError {
            flushOutbound(context: context)  // the GOAWAY saying why
            let code: RPCError.Code = state == .awaitingHeaders ? .unavailable : .internalError
            fail(FlowStream.Failure(code: code, message: error.notHTTP2 ? error.message : "\(error)"), context: context)
        }
        if closeAfterRead {
            // Given up while reading (`fail`): the stream's cancellation goes out first.
            closeAfterRead = false
            cancelAndClose(context: context)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        deliver()
        if mayRead { connection?.credit() }
        flushOutbound(context: context)
        context.fireChannelReadComplete()
    }

    private func flushOutbound(context: ChannelHandlerContext) {
        guard let bytes = connection?.takeOutbound() else { return }
        context.writeAndFlush(wrapOutboundOut(bytes), promise: nil)
    }

    func read(context: ChannelHandlerContext) {
        let trickles = state == .streaming && readSinceRequest < Self.trickleBytes
        readSinceRequest = 0
        guard mayRead else {
            readPending = true
            return
        }
        guard trickles else {
            context.read()
            return
        }
        // What the server sends meanwhile waits in the socket and comes in the next read. A
        // server slower than this reader (the Go server sends each message as it is made) would
        // otherwise wake the reader for every few messages.
        guard pausedRead == nil else { return }
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        pausedRead = context.eventLoop.scheduleTask(in: Self.trickleDelay) { handler.value.resumeReading() }
    }

    private func resumeReading() {
        pausedRead = nil
        guard state != .done, let context else { return }
        if mayRead {
            context.read()
        } else {
            readPending = true
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if state != .done {
            connectionClosed(context: context)
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(events.connectionFailure() ?? FlowStream.Failure(code: .unavailable, message: "\(error)"), context: context)
    }

    private func answerTimedOut() {
        guard state == .awaitingHeaders, let context else { return }
        fail(FlowStream.Failure(
            code: .deadlineExceeded,
            message: "the server accepted the call but did not answer within \(Self.seconds(answerTimeout)) (--request-timeout)"), context: context)
    }

    /// The reader took enough: read again.
    func produceMore() {
        mayRead = true
        if let context, connection?.credit() == true { flushOutbound(context: context) }
        if readPending, let context {
            readPending = false
            context.read()
        }
    }

    /// The reader stopped (cancelled, or done with the stream): cancel the call.
    func readerLeft() {
        if state == .awaitingHeaders || state == .idle { answered.fail(CancellationError()) }
        state = .done
        pausedRead?.cancel()
        connection?.cancel()
        if let context { flushOutbound(context: context) }
        context?.close(promise: nil)
    }

    /// Cuts out the messages the DATA received so far completes.
    func received(_ incoming: ByteBuffer, context: ChannelHandlerContext) {
        do {
            try messages.cut(incoming) { batch.append($0) }
        } catch {
            fail(error, context: context)
        }
    }

    func deliver() {
        guard !batch.isEmpty else { return }
        let records = batch
        batch = []
        switch source.yield(contentsOf: CollectionOfOne(records)) {
        case .stopProducing: mayRead = false
        case .produceMore, .dropped: break
        }
    }

    /// The connection went away before the call ended: what the pipeline saw says why, if anything.
    private func connectionClosed(context: ChannelHandlerContext) {
        let message = goAway.map { "the server closed the connection (GOAWAY \($0))" } ?? ServerError.connectionClosedMessage
        fail(events.connectionFailure() ?? FlowStream.Failure(code: .unavailable, message: message), context: context)
    }

    private static func seconds(_ time: TimeAmount) -> String {
        let seconds = Double(time.nanoseconds) / 1e9
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }

    func fail(_ failure: FlowStream.Failure, context: ChannelHandlerContext) {
        answerDeadline?.cancel()
        pausedRead?.cancel()
        guard state != .done else { return }
        if state == .awaitingHeaders || state == .idle { answered.fail(failure) }
        deliver()
        state = .done
        source.finish(failure)
        // While a read is parsed the connection is out of `self`: it closes once the read is done.
        if reading {
            closeAfterRead = true
        } else {
            cancelAndClose(context: context)
        }
    }

    /// The server hears that the call is given up (RST_STREAM CANCEL, gRPC over HTTP/2) before the
    /// connection closes; nothing is sent on a stream that already ended.
    private func cancelAndClose(context: ChannelHandlerContext) {
        connection?.cancel()
        flushOutbound(context: context)
        context.close(promise: nil)
    }
}
