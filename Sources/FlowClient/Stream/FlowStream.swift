import FlowModel
import GRPCCore
import HubbleAPI
import NIOCore
import NIOHPACK
import NIOPosix
import NIOSSL
import SwiftProtobuf
import Synchronization

/// GetFlows over a connection of its own, straight on swift-nio: the path every flow of a server
/// takes. The other calls (status, nodes, health) stay on grpc-swift.
///
/// gRPC's framing is small (`FlowStreamHandler`), and so is HTTP/2 with one stream on the
/// connection (`HTTP2CallConnection`): doing both here lets each read's whole messages be cut out
/// on the event loop and handed over as one batch, which the reader decodes. It speaks to Cilium
/// agents, Hubble Relay and loupe-agent alike: plaintext (h2c with prior knowledge), TLS and mTLS, TCP or a Unix
/// socket.
public struct FlowStream: Sendable {
    public var address: ServerAddress
    public var security: ClientSecurity
    /// The name failures are told with.
    public var server: String
    /// How long connecting may take, and then the server's answer.
    public var connectTimeout: Duration

    public init(address: ServerAddress, security: ClientSecurity, server: String, connectTimeout: Duration = .seconds(12)) {
        self.address = address
        self.security = security
        self.server = server
        self.connectTimeout = connectTimeout
    }

    /// What the handler reports to the call: the response headers arrived; why the connection failed.
    struct Events: Sendable {
        var started: @Sendable () -> Void
        var connectionFailure: @Sendable () -> Failure?
    }

    /// A call that ended with a status other than OK, or a connection that failed.
    struct Failure: Error, Sendable {
        var code: RPCError.Code
        var message: String
        /// The server answered the call with this status and no stream.
        var refused = false

        init(code: RPCError.Code, message: String) {
            self.code = code
            self.message = message
        }

        /// An HTTP status other than 200, as the gRPC specification maps it.
        init(httpStatus: String) {
            switch httpStatus {
            case "400": code = .internalError
            case "401": code = .unauthenticated
            case "403": code = .permissionDenied
            case "404": code = .unimplemented
            case "429", "502", "503", "504": code = .unavailable
            default: code = .unknown
            }
            message = "the server answered with HTTP status \(httpStatus.isEmpty ? "none" : httpStatus), not a gRPC response"
        }
    }

    /// Connects, asks for `request` and hands the stream to `handle`; the connection closes when it
    /// returns. Failures are `ServerError`s, with `afterData` once the response headers arrived.
    public func flows<Result: Sendable>(
        _ request: Observer_GetFlowsRequest, metadata: Metadata,
        handle: @Sendable @escaping (FlowBatches) async throws -> Result
    ) async throws -> Result {
        let tls = security.usesTLS(address) ? try makeTLSContext() : nil
        let recorder = ConnectionFailureRecorder()
        let started = StreamStart()
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let answered = loop.makePromise(of: Void.self)
        let call: Call
        do {
            call = try makeCall(request, metadata: metadata, loop: loop, answered: answered, events: Events(
                started: { started.mark() },
                connectionFailure: { recorder.failure }))
        } catch {
            answered.fail(error)
            throw error
        }
        let channel: any Channel
        do {
            channel = try await connect(on: loop, tls: tls, recorder: recorder)
        } catch {
            answered.fail(error)
            throw ServerError(code: .unavailable, message: "\(error)", server: server)
        }
        defer { channel.close(promise: nil) }
        do {
            // The connection reads nothing until the call's handler is there (it turns reading on):
            // the server's first frames come at once. It is added to the connection that was made,
            // not in the initializer, which also runs for the attempts a name's other addresses lost.
            do {
                try await loop.submit { try channel.pipeline.syncOperations.addHandler(call.makeHandler()) }.get()
            } catch {
                answered.fail(error)
                throw error
            }
            // The reader learns of the stream once the server has answered, as with grpc-swift; a
            // reader that stops waiting (Ctrl-C) closes the connection, which ends the wait.
            try await withTaskCancellationHandler {
                try await answered.futureResult.get()
            } onCancel: {
                channel.close(promise: nil)
            }
            return try await handle(call.batches)
        } catch let failure as Failure {
            var error = ServerError(code: failure.code, message: failure.message, server: server)
            error.answered = failure.refused
            error.afterData = started.marked
            throw error
        } catch let error as ServerError {
            throw error
        } catch {
            // The connection closed before the stream could open (a TLS handshake that failed): what
            // the pipeline saw says why.
            if error is CancellationError { throw error }
            let failure = recorder.failure ?? Failure(code: .unavailable, message: "\(error)")
            throw ServerError(code: failure.code, message: failure.message, server: server)
        }
    }

    private func makeTLSContext() throws -> NIOSSLContext {
        do {
            return try NIOSSLContext(configuration: security.tlsConfiguration())
        } catch {
            throw ServerError(code: .unavailable, message: "cannot set up TLS: \(error)", server: server)
        }
    }

    private func connect(on loop: any EventLoop, tls: NIOSSLContext?, recorder: ConnectionFailureRecorder) async throws -> any Channel {
        let security = self.security
        let address = self.address
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(TimeAmount(connectTimeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelOption(.autoRead, value: false)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tls { try pipeline.addHandler(security.handler(context: tls, for: address)) }
                    try pipeline.addHandler(ConnectionFailureHandler(recorder: recorder))
                }
            }
        switch address.endpoint {
        case .host(let host, let port):
            return try await bootstrap.connect(host: host, port: port).get()
        case .unix(let path):
            return try await bootstrap.connect(unixDomainSocketPath: path).get()
        }
    }

    /// A call about to be made: its records' sequence, and the handler that will fill it (made on
    /// the connection's event loop).
    private struct Call: Sendable {
        var batches: FlowBatches
        var makeHandler: @Sendable () -> FlowStreamHandler
    }

    private func makeCall(
        _ request: Observer_GetFlowsRequest, metadata: Metadata, loop: any EventLoop, answered: EventLoopPromise<Void>, events: Events
    ) throws -> Call {
        let box = NIOLoopBoundBox<FlowStreamHandler?>.makeEmptyBox(valueType: FlowStreamHandler.self, eventLoop: loop)
        let producer = FlowBatches.Producer.makeSequence(
            backPressureStrategy: .init(lowWatermark: 1, highWatermark: 2), finishOnDeinit: true,
            delegate: FlowStreamDelegate(handler: box))
        let source = producer.source
        let message: [UInt8] = try request.serializedBytes()
        var framed = ByteBuffer()
        framed.reserveCapacity(5 + message.count)
        framed.writeInteger(UInt8(0))
        framed.writeInteger(UInt32(message.count))
        framed.writeBytes(message)
        let requestBytes = framed
        let headers = requestHeaders(metadata)
        let answerTimeout = TimeAmount(connectTimeout)
        let follows = request.follow
        return Call(batches: FlowBatches(producer.sequence)) {
            let handler = FlowStreamHandler(requestHeaders: headers, request: requestBytes, source: source, events: events, answered: answered, answerTimeout: answerTimeout, headersMayWait: follows)
            box.value = handler
            return handler
        }
    }

    private func requestHeaders(_ metadata: Metadata) -> HPACKHeaders {
        let tls = security.usesTLS(address)
        var headers: HPACKHeaders = [
            ":method": "POST",
            ":scheme": tls ? "https" : "http",
            ":path": "/observer.Observer/GetFlows",
            ":authority": (tls ? security.serverName : nil) ?? address.authority,
            "content-type": "application/grpc",
            "te": "trailers",
            "user-agent": "loupe",
        ]
        for (key, value) in metadata {
            if case .string(let text) = value { headers.add(name: key, value: text) }
        }
        return headers
    }
}

/// The first error the connection's pipeline saw (a TLS handshake that failed, a reset), for the
/// stream to report instead of a bare "closed".
final class ConnectionFailureRecorder: Sendable {
    private let recorded = Mutex<FlowStream.Failure?>(nil)

    func record(_ error: any Error) {
        recorded.withLock { failure in
            if failure == nil { failure = FlowStream.Failure(code: .unavailable, message: "\(error)") }
        }
    }

    var failure: FlowStream.Failure? { recorded.withLock { $0 } }
}

final class ConnectionFailureHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    let recorder: ConnectionFailureRecorder

    init(recorder: ConnectionFailureRecorder) { self.recorder = recorder }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        recorder.record(error)
        context.fireErrorCaught(error)
    }
}
