import FlowModel
import HubbleAPI
import NIOCore

/// Encodes a GetFlows stream's responses with loupe's binary encoder, each flow written through the
/// request's field mask (`MaskedFlowResponse`) once per flow and mask: the flows a batch encodes
/// are kept together in an `EncodingArena` that the ring's slots refer to, for the next reader with
/// the same mask (many followers of one agent, repeated reads of its history, loupe and hubble,
/// which ask for the same default mask).
struct FlowResponseEncoder: Sendable {
    let hub: FlowHub
    let mask: FieldMaskNode?
    /// The mask's paths, the key of the encodings kept in the ring.
    let key: String

    init(hub: FlowHub, mask: FlowFieldMask) {
        self.hub = hub
        self.mask = mask.node
        self.key = mask.paths.joined(separator: ",")
    }

    /// `batch` as gRPC messages (each with its 5-byte prefix: gRPC over HTTP/2, PROTOCOL-HTTP2.md, a
    /// compression flag, then the length, big-endian), in pieces to send in order: runs of kept
    /// encodings and a batch of flows all encoded now are sent as the bytes kept, anything else is
    /// written into one buffer.
    func messages(_ batch: [FlowStreamer.Outgoing]) -> [ByteBuffer] {
        var runs: [ByteBuffer] = []
        for outgoing in batch {
            guard case .encoded(let run) = outgoing.content else { break }
            runs.append(run)
        }
        if runs.count == batch.count { return runs }

        let positions = batch.compactMap(\.position)
        let cached = hub.encodings(at: positions, key: key)
        // The flows without kept bytes are encoded into one arena, kept for later readers.
        var fresh = ByteBufferAllocator().buffer(capacity: cached.count { $0 == nil } * 800)
        var parts: [EncodingArena.Part] = []
        var flows = batch.lazy.compactMap { outgoing -> Flow? in
            if case .flow(let flow, _) = outgoing.content { flow } else { nil }
        }.makeIterator()
        for (position, bytes) in zip(positions, cached) {
            let flow = flows.next()!
            guard bytes == nil else { continue }
            let offset = fresh.readableBytes
            Self.frame(MaskedFlowResponse(envelope: FlowEnvelope(flow: flow), mask: mask), into: &fresh)
            parts.append(.init(position: position, offset: offset, length: fresh.readableBytes - offset))
        }
        let arena = EncodingArena(key: key, bytes: fresh)
        hub.keep(arena, parts: parts)
        if parts.count == batch.count { return [fresh] }

        var buffer = ByteBufferAllocator().buffer(capacity: fresh.readableBytes + cached.reduce(0) { $0 + ($1?.readableBytes ?? 0) } + 256)
        var keptBytes = cached.makeIterator()
        var freshParts = parts.makeIterator()
        for outgoing in batch {
            switch outgoing.content {
            case .response(let response):
                Self.frame(MaskedFlowResponse(envelope: response, mask: nil), into: &buffer)
            case .flow:
                if var bytes = keptBytes.next()! {
                    buffer.writeBuffer(&bytes)
                } else {
                    let part = freshParts.next()!
                    var bytes = arena.slice(offset: part.offset, length: part.length)
                    buffer.writeBuffer(&bytes)
                }
            case .encoded(var run):
                buffer.writeBuffer(&run)
            }
        }
        return [buffer]
    }

    /// The bytes of each response of `batch`, in order.
    func encode(_ batch: [FlowStreamer.Outgoing]) -> [[UInt8]] {
        var messages: [[UInt8]] = []
        for var buffer in self.messages(batch) {
            while buffer.readableBytes >= 5, let length = buffer.getInteger(at: buffer.readerIndex + 1, as: UInt32.self) {
                buffer.moveReaderIndex(forwardBy: 5)
                guard let message = buffer.readBytes(length: Int(length)) else { break }
                messages.append(message)
            }
        }
        return messages
    }

    /// Writes `message` with its gRPC prefix.
    static func frame(_ message: some HubbleBinaryEncodable, into buffer: inout ByteBuffer) {
        var writer = ProtoWriter(capacity: 768)
        message.encodeBinary(to: &writer)
        writer.withBytes { bytes in
            buffer.writeInteger(UInt8(0))
            buffer.writeInteger(UInt32(truncatingIfNeeded: bytes.count))
            buffer.writeBytes(bytes)
        }
    }
}
