import FlowModel
import HubbleAPI

/// A GetFlows response whose flow is written through a field mask: the bytes of
/// `FlowEnvelope(flow: mask.apply(to: flow))` with the other members of the envelope, without the
/// masked copy.
struct MaskedFlowResponse: Sendable, HubbleBinaryEncodable {
    var envelope: Observer_GetFlowsResponse
    var mask: FieldMaskNode?

    static let timeField = Flow_Flow.maskField(named: "time")!.index
    static let nodeNameField = Flow_Flow.maskField(named: "node_name")!.index

    func encodeBinary(to writer: inout ProtoWriter) {
        guard let mask, case .flow(let flow)? = envelope.responseTypes else {
            envelope.encodeBinary(to: &writer)
            return
        }
        writer.writeMessageField(1 << 3 | 2) { flow.encodeBinary(to: &$0, mask: mask) }
        // The envelope's node name and time are those of the masked flow, as `FlowEnvelope(flow:)` sets them.
        let selected = mask.selectedFields
        if selected & (1 << Self.nodeNameField) != 0, !flow.nodeName.isEmpty {
            writer.writeStringField(1000 << 3 | 2, flow.nodeName)
        }
        if selected & (1 << Self.timeField) != 0 {
            if let child = mask.child(Self.timeField) {
                let time = flow.time.masked(by: child)
                writer.writeMessageField(1001 << 3 | 2) { time.encodeBinary(to: &$0) }
            } else if flow.hasTime {
                writer.writeMessageField(1001 << 3 | 2) { flow.time.encodeBinary(to: &$0) }
            }
        }
    }
}
