import FlowModel
import HubbleAPI

/// Encodes a GetFlows stream's responses with loupe's binary encoder, each flow written through the
/// request's field mask (`MaskedFlowResponse`) once per flow and mask: the bytes are kept in the
/// flow's ring slot for the next reader with the same mask (many followers of one agent, repeated
/// reads of its history, loupe and hubble, which ask for the same default mask).
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

    /// The bytes of each response of `batch`, in order.
    func encode(_ batch: [FlowStreamer.Outgoing]) -> [[UInt8]] {
        let positions = batch.compactMap(\.position)
        var cached = hub.encodings(at: positions, key: key).makeIterator()
        var fresh: [(position: UInt64, bytes: [UInt8])] = []
        let encoded = batch.map { outgoing -> [UInt8] in
            switch outgoing.content {
            case .response(let response):
                return Self.encode(MaskedFlowResponse(envelope: response, mask: nil))
            case .flow(let flow, let position):
                if let bytes = cached.next() ?? nil { return bytes }
                let bytes = Self.encode(MaskedFlowResponse(envelope: FlowEnvelope(flow: flow), mask: mask))
                fresh.append((position, bytes))
                return bytes
            }
        }
        hub.storeEncodings(fresh, key: key)
        return encoded
    }

    static func encode(_ message: some HubbleBinaryEncodable) -> [UInt8] {
        var writer = ProtoWriter(capacity: 768)
        message.encodeBinary(to: &writer)
        return writer.withBytes { Array($0) }
    }
}
