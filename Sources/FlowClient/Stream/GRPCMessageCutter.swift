import FlowModel
import GRPCCore
import NIOCore

/// gRPC's length-prefixed messages (a compressed-flag byte, a 4-byte length, the message) cut out
/// of a stream's DATA as it arrives; a message may span any number of reads.
struct GRPCMessageCutter {
    /// A message larger than this ends the call (grpc-go's default limit is 4 MiB).
    static let maxMessageBytes = 16 << 20

    /// The start of a message whose end has not arrived.
    private var pending: ByteBuffer?

    /// Whether a message has begun and not ended: a stream that ends here lost its last message.
    var holdsPartialMessage: Bool { pending != nil }

    /// Hands each whole message in `incoming` (after what earlier reads left) to `message`.
    mutating func cut(_ incoming: ByteBuffer, _ message: (UnsafeRawBufferPointer) throws(ProtoDecodingError) -> Void) throws(FlowStream.Failure) {
        var buffer = pending.take(appending: incoming)
        while buffer.readableBytes >= 5 {
            let start = buffer.readerIndex
            let compressed = buffer.getInteger(at: start, as: UInt8.self)!
            let length = Int(buffer.getInteger(at: start + 1, as: UInt32.self)!)
            guard compressed == 0 else {
                throw FlowStream.Failure(code: .internalError, message: "the server sent a compressed message, which was not asked for")
            }
            guard length <= Self.maxMessageBytes else {
                throw FlowStream.Failure(code: .resourceExhausted, message: "the server sent a message of \(length) bytes (at most \(Self.maxMessageBytes))")
            }
            guard buffer.readableBytes >= 5 + length else { break }
            do {
                try buffer.withUnsafeReadableBytes { bytes throws(ProtoDecodingError) in
                    try message(UnsafeRawBufferPointer(rebasing: bytes[5..<(5 + length)]))
                }
            } catch {
                throw FlowStream.Failure(code: .internalError, message: "cannot decode the server's message: \(error)")
            }
            buffer.moveReaderIndex(forwardBy: 5 + length)
        }
        if buffer.readableBytes > 0 { pending = buffer }
    }
}
