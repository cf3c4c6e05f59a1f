import FlowModel
import GRPCCore
import NIOCore

/// gRPC's length-prefixed messages (a compressed-flag byte, a 4-byte length, the message) cut out
/// of a stream's DATA as it arrives; a message may span any number of reads.
///
/// The event loop only finds where whole messages end (`cut`): it hands over runs of them, each a
/// view of the bytes read, and the reader decodes them (`decode`). So the flows are made, printed
/// and freed on the reader's thread; decoded on the loop, they were freed on another thread than
/// the one that allocated them, and the two threads contended for the allocator's lock.
struct GRPCMessageCutter {
    /// A message larger than this ends the call (grpc-go's default limit is 4 MiB).
    static let maxMessageBytes = 16 << 20

    /// The start of a message whose end has not arrived.
    private var pending: ByteBuffer?

    /// Whether a message has begun and not ended: a stream that ends here lost its last message.
    var holdsPartialMessage: Bool { pending != nil }

    /// Hands the whole messages in `incoming` (after what earlier reads left), prefixes included,
    /// to `run` as one view; what does not end here is held for the next read.
    mutating func cut(_ incoming: ByteBuffer, run: (ByteBuffer) -> Void) throws(FlowStream.Failure) {
        var buffer = incoming
        if var held = pending {
            // Only the rest of the held message is copied out of `incoming`: the messages after it
            // stay where they were read.
            pending = nil
            guard try Self.complete(&held, from: &buffer) else {
                pending = held
                return
            }
            run(held)
        }
        var whole = 0
        while buffer.readableBytes - whole >= 5 {
            let length: Int
            do {
                length = try Self.length(of: buffer, at: buffer.readerIndex + whole)
            } catch {
                // The messages before it still go to the reader.
                if whole > 0 { run(buffer.readSlice(length: whole)!) }
                throw error
            }
            guard buffer.readableBytes - whole >= 5 + length else { break }
            whole += 5 + length
        }
        if whole > 0 { run(buffer.readSlice(length: whole)!) }
        if buffer.readableBytes > 0 {
            // A copy of its own: the run handed over shares the read's storage.
            var held = ByteBuffer()
            held.writeBuffer(&buffer)
            pending = held
        }
    }

    /// Moves into `held` (the start of a message) what `incoming` has of the rest of it: first the
    /// rest of its prefix, then the rest of its body; whether the message is now whole.
    private static func complete(_ held: inout ByteBuffer, from incoming: inout ByteBuffer) throws(FlowStream.Failure) -> Bool {
        if held.readableBytes < 5 {
            var prefix = incoming.readSlice(length: min(5 - held.readableBytes, incoming.readableBytes))!
            held.writeBuffer(&prefix)
            guard held.readableBytes == 5 else { return false }
        }
        let length = try length(of: held, at: held.readerIndex)
        var rest = incoming.readSlice(length: min(5 + length - held.readableBytes, incoming.readableBytes))!
        held.writeBuffer(&rest)
        return held.readableBytes == 5 + length
    }

    /// The length of the message whose 5-byte prefix is at `index`, once the prefix is checked: not
    /// compressed, not over `maxMessageBytes`.
    private static func length(of buffer: ByteBuffer, at index: Int) throws(FlowStream.Failure) -> Int {
        let compressed = buffer.getInteger(at: index, as: UInt8.self)!
        let length = Int(buffer.getInteger(at: index + 1, as: UInt32.self)!)
        guard compressed == 0 else {
            throw FlowStream.Failure(code: .internalError, message: "the server sent a compressed message, which was not asked for")
        }
        guard length <= maxMessageBytes else {
            throw FlowStream.Failure(code: .resourceExhausted, message: "the server sent a message of \(length) bytes (at most \(maxMessageBytes))")
        }
        return length
    }

    /// Decodes a run `cut` handed over, appending its records to `records`; a message that does not
    /// decode ends the call, after the records before it.
    static func decode(_ run: ByteBuffer, into records: inout [FlowEnvelope]) throws(FlowStream.Failure) {
        do {
            try run.withUnsafeReadableBytes { bytes throws(ProtoDecodingError) in
                var offset = 0
                while offset < bytes.count {
                    // `cut` checked every prefix: the run holds whole messages only.
                    let length = Int(UInt32(bytes[offset + 1]) << 24 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 8 | UInt32(bytes[offset + 4]))
                    let start = offset + 5
                    records.append(try FlowEnvelope(protoBytes: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + length)])))
                    offset = start + length
                }
            }
        } catch {
            throw FlowStream.Failure(code: .internalError, message: "cannot decode the server's message: \(error)")
        }
    }
}
