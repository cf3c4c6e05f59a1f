import FlowModel
import HubbleAPI
import Testing

@testable import AgentServer

/// The ring keeps each flow's encoding for one field mask, and forgets it when the slot is reused.
@Suite struct FlowRingEncodingTests {
    static func flow(_ port: UInt32) -> RingEvent {
        var flow = Flow()
        flow.l4.tcp.destinationPort = port
        return .flow(flow)
    }

    @Test func anEncodingIsKeptPerMaskAndForgottenWhenOverwritten() {
        var ring = FlowRing(capacity: 2)
        ring.append(Self.flow(1))
        ring.append(Self.flow(2))
        ring.setEncoding([1, 2, 3], at: 0, key: "time,verdict")
        #expect(ring.encoding(at: 0, key: "time,verdict") == [1, 2, 3])
        #expect(ring.encoding(at: 0, key: "") == nil, "another mask writes other bytes")
        #expect(ring.encoding(at: 1, key: "time,verdict") == nil)
        ring.append(Self.flow(3))  // overwrites position 0
        #expect(ring.encoding(at: 0, key: "time,verdict") == nil)
        #expect(ring.encoding(at: 2, key: "time,verdict") == nil, "the new flow in the slot has no encoding")
        ring.setEncoding([9], at: 0, key: "x")  // gone: ignored
        #expect(ring.encoding(at: 2, key: "x") == nil)
    }
}
