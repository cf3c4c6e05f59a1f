import FlowModel
import GRPCCore
import NIOCore
import NIOHPACK

/// What the server's frames mean for the call: its response headers, data, trailers, resets and
/// GOAWAYs.
extension FlowStreamHandler {
    /// What the server's frames mean for the call.
    func received(_ event: HTTP2CallConnection.Event, context: ChannelHandlerContext) {
        guard state != .done else { return }
        switch event {
        case .prefaceReceived:
            if headersMayWait {
                answerDeadline?.cancel()
                answerDeadline = nil
            }
        case .headers(let headers, let endStream):
            if state == .awaitingHeaders {
                receivedHeaders(headers, endStream: endStream, context: context)
            } else {
                finish(status: headers, context: context)
            }
        case .data(let data):
            guard state == .streaming else {
                fail(FlowStream.Failure(code: .internalError, message: "the server sent data before its headers"), context: context)
                return
            }
            taken += data.readableBytes
            received(data, context: context)
        case .dataEnded:
            fail(FlowStream.Failure(code: .internalError, message: "the server ended the stream without a status"), context: context)
        case .reset(let code):
            // gRPC's PROTOCOL-HTTP2.md, "Errors": the codes of a reset stream as statuses.
            let rpc: RPCError.Code = switch code {
            case .refusedStream: .unavailable
            case .cancel: .cancelled
            case .enhanceYourCalm: .resourceExhausted
            case .inadequateSecurity: .permissionDenied
            default: .internalError
            }
            fail(FlowStream.Failure(code: rpc, message: "the server reset the stream (\(code))"), context: context)
        case .goAway(let last, let code, let debug):
            // The server is going away; a call it has taken (at or below `last`) goes on to its end,
            // and if the connection closes first, this says why.
            let why = debug.isEmpty ? "\(code)" : "\(code): \(debug)"
            if code != .noError { goAway = why }
            guard last < HTTP2CallConnection.streamID else { return }
            fail(FlowStream.Failure(code: .unavailable, message: "the server is going away and did not take the call (GOAWAY \(why))"), context: context)
        }
    }

    func receivedHeaders(_ headers: HPACKHeaders, endStream: Bool, context: ChannelHandlerContext) {
        let status = headers.first(name: ":status") ?? ""
        // Informational (1xx) headers come before the response's own (RFC 9113 §8.1).
        if status.hasPrefix("1"), status.count == 3, !endStream { return }
        guard status == "200" else {
            fail(FlowStream.Failure(httpStatus: status), context: context)
            return
        }
        if endStream {
            // Trailers only: the server refused the call.
            finish(status: headers, context: context, refused: true)
            return
        }
        guard headers.first(name: "content-type")?.hasPrefix("application/grpc") == true else {
            fail(FlowStream.Failure(code: .unknown, message: "the server does not speak gRPC (content-type \(headers.first(name: "content-type") ?? "none"))"), context: context)
            return
        }
        state = .streaming
        answerDeadline?.cancel()
        events.started()
        answered.succeed()
    }

    func finish(status headers: HPACKHeaders, context: ChannelHandlerContext, refused: Bool = false) {
        guard let value = headers.first(name: "grpc-status").flatMap({ Int($0) }) else {
            fail(FlowStream.Failure(code: .internalError, message: "the server's trailers carry no grpc-status"), context: context)
            return
        }
        let message = GRPCStatusMessage.decoded(headers.first(name: "grpc-message") ?? "")
        guard let code = Status.Code(rawValue: value) else {
            // A status this side does not know is UNKNOWN (gRPC's status codes document).
            fail(FlowStream.Failure(code: .unknown, message: message.isEmpty ? "the server ended the call with status \(value)" : message), context: context)
            return
        }
        guard let rpcCode = RPCError.Code(code) else {
            guard !messages.holdsPartialMessage else {
                fail(FlowStream.Failure(code: .internalError, message: "the server ended the stream inside a message"), context: context)
                return
            }
            if state == .awaitingHeaders { answered.succeed() }
            deliver()
            state = .done
            pausedRead?.cancel()
            source.finish()
            context.close(promise: nil)
            return
        }
        var failure = FlowStream.Failure(code: rpcCode, message: message)
        failure.refused = refused
        fail(failure, context: context)
    }
}
