import FlowModel
import GRPCCore
import HubbleAPI
import HubbleServices
import NIOCore
import NIOHPACK
import NIOHTTP2
import SwiftProtobuf

/// The GetFlows call as `GetFlowsStreamHandler` serves it on an HTTP/2 stream: the same service,
/// the same basic authentication as the interceptor, the same errors, with responses framed here
/// (gRPC over HTTP/2, PROTOCOL-HTTP2.md: response headers, length-prefixed messages, status in
/// trailers or, for a call refused at once, a trailers-only response).
public struct DirectGetFlows: Sendable {
    let service: ObserverService
    let authenticator: BasicAuthenticator?

    public init(service: ObserverService, authenticator: BasicAuthenticator? = nil) {
        self.service = service
        self.authenticator = authenticator
    }

    static let path = "/" + Observer_Observer.Method.GetFlows.descriptor.fullyQualifiedMethod
    /// Responses per DATA write: about 700 KB of flows under the default field mask.
    static let batchSize = 1024

    /// Whether the call is GetFlows served here: not compressed (`grpc-encoding`) and without a
    /// deadline (`grpc-timeout`), which grpc-swift handles.
    func takes(_ headers: HPACKHeaders) -> Bool {
        guard headers.first(name: ":path") == Self.path, headers.first(name: ":method") == "POST",
            let type = headers.first(name: "content-type"), type == "application/grpc" || type == "application/grpc+proto"
        else { return false }
        if let encoding = headers.first(name: "grpc-encoding"), encoding != "identity" { return false }
        return !headers.contains(name: "grpc-timeout")
    }

    /// The request message as far as it has arrived.
    enum Request: Sendable {
        case incomplete
        case message([UInt8])
        case refused(RPCError)

        /// The first length-prefixed message of `body`.
        static func read(_ body: ByteBuffer, endStream: Bool) -> Request {
            if body.readableBytes >= 5, let flag = body.getInteger(at: body.readerIndex, as: UInt8.self),
                let length = body.getInteger(at: body.readerIndex + 1, as: UInt32.self)
            {
                guard flag == 0 else { return .refused(RPCError(code: .internalError, message: "the request is compressed without a grpc-encoding")) }
                guard length <= AgentTransport.maximumRequestSize else {
                    return .refused(
                        RPCError(code: .resourceExhausted, message: "the request is \(length) bytes; the agent takes at most \(AgentTransport.maximumRequestSize)"))
                }
                if let bytes = body.getBytes(at: body.readerIndex + 5, length: Int(length)) { return .message(bytes) }
            }
            return endStream ? .refused(RPCError(code: .internalError, message: "the request ended before its message")) : .incomplete
        }
    }

    /// Serves the call: its headers, the flows batch by batch, its status.
    func serve(headers: HPACKHeaders, request: Request, outlet: StreamOutlet) async {
        var started = false
        do {
            let message: [UInt8]
            switch request {
            case .incomplete: return
            case .refused(let error): throw error
            case .message(let bytes): message = bytes
            }
            if let authenticator, let refusal = BasicAuthInterceptor.refusal(await authenticator.authenticate(headers.first(name: "authorization"))) {
                throw refusal
            }
            let decoded: Observer_GetFlowsRequest
            do {
                decoded = try Observer_GetFlowsRequest(serializedBytes: message)
            } catch {
                throw RPCError(code: .internalError, message: "Can't deserialize to message of type \(Observer_GetFlowsRequest.self).")
            }
            let query = try service.flowsQuery(decoded, masksFlows: false)
            var streamer = service.streamer(for: query)
            streamer.batchSize = Self.batchSize
            let encoder = FlowResponseEncoder(hub: service.hub, mask: query.mask)
            streamer.keptEncodings = encoder.key
            try await outlet.send(.headers(.init(headers: responseHeaders)))
            started = true
            // A call that sends every flow only copies and encodes: it runs on its connection's
            // event loop, without a hand-over between threads for each batch. A filtered call stays
            // on the global executor, so that its matching never holds up the loop's connections.
            try await withTaskExecutorPreference(query.sendsEveryFlow ? outlet.executor : nil) {
                // One batch is written while the next is made.
                var written: EventLoopFuture<Void>?
                try await streamer.run { batch in
                    let frames = Self.frames(encoder.messages(batch))
                    try await written?.get()
                    written = outlet.write(frames)
                }
                try await written?.get()
            }
            try await outlet.send(.headers(.init(headers: ["grpc-status": "0"], endStream: true)))
        } catch let error as RPCError {
            var trailers: HPACKHeaders = started ? [:] : responseHeaders
            trailers.add(name: "grpc-status", value: String(error.code.rawValue))
            trailers.add(name: "grpc-message", value: GRPCStatusMessage.encoded(error.message))
            try? await outlet.send(.headers(.init(headers: trailers, endStream: true)))
        } catch {
            // The stream closed (the client went away or reset it): nothing more to say.
        }
    }

    /// `:status`, the content type and the agent's own metadata.
    var responseHeaders: HPACKHeaders {
        var headers: HPACKHeaders = [":status": "200", "content-type": "application/grpc"]
        for (key, value) in service.description.headers { headers.add(name: key, value: value) }
        return headers
    }

    /// The largest DATA frame written: a client that allows larger frames (loupe's allows 1 MiB)
    /// still reads a batch in pieces, so that it holds a few of them, not whole batches.
    static let frameSize = 64 << 10

    /// Pieces smaller than this are gathered into one frame with their neighbours (copied) rather
    /// than sent as frames of their own.
    static let smallPiece = 16 << 10

    /// `pieces` as DATA payloads of at most `frameSize` bytes, in order: views of the pieces, small
    /// neighbours gathered together.
    static func frames(_ pieces: [ByteBuffer]) -> [HTTP2Frame.FramePayload] {
        var frames: [HTTP2Frame.FramePayload] = []
        frames.reserveCapacity(pieces.reduce(0) { $0 + $1.readableBytes } / frameSize + pieces.count)
        var gathered: ByteBuffer? = nil
        func emit(_ data: ByteBuffer) {
            var data = data
            while data.readableBytes > 0, let slice = data.readSlice(length: min(frameSize, data.readableBytes)) {
                frames.append(.data(.init(data: .byteBuffer(slice))))
            }
        }
        // One piece (a batch written whole, however small) is sent as it is.
        if pieces.count == 1 {
            emit(pieces[0])
            return frames
        }
        var left = pieces.reduce(0) { $0 + $1.readableBytes }
        for var piece in pieces where piece.readableBytes > 0 {
            let size = piece.readableBytes
            defer { left -= size }
            if piece.readableBytes < smallPiece {
                if gathered == nil { gathered = ByteBufferAllocator().buffer(capacity: min(frameSize, left)) }
                gathered!.writeBuffer(&piece)
                if gathered!.readableBytes >= frameSize {
                    emit(gathered!)
                    gathered = nil
                }
            } else {
                if let pending = gathered { emit(pending) }
                gathered = nil
                emit(piece)
            }
        }
        if let pending = gathered { emit(pending) }
        return frames
    }
}
