@testable import AgentServer
import FlowModel
import Foundation
import HubbleAPI
import LoupeTestSupport
import SwiftProtobuf
import Testing

/// A flow written through a field mask is, byte for byte, the masked copy the agent used to send.
@Suite struct MaskedFlowResponseTests {
    static let masks: [[String]] = [
        FlowFieldMask.referenceDefaultPaths,
        ["time.seconds", "source.namespace", "l4.TCP.flags", "node_name"],
        ["uuid", "destination", "policy_log", "egress_allowed_by", "is_reply.value"],
        ["l7.http.url", "l7.dns", "trace_context", "time"],
    ]

    @Test(arguments: ["seed", "real"])
    func everyCapturedFlowMatchesItsMaskedCopy(corpus: String) throws {
        let dir = try Fixtures.corpus(corpus)
        let decoder = FlowLineDecoder()
        let flows = try Fixtures.lines(dir.appendingPathComponent("flows.jsonl")).compactMap { line -> Flow? in
            var copy = line
            let envelope = try copy.withUTF8 { try decoder.decode(UnsafeRawBufferPointer($0)) }.envelope
            if case .flow(let flow)? = envelope.responseTypes { return flow }
            return nil
        }
        #expect(!flows.isEmpty)
        for paths in Self.masks {
            let mask = try FlowFieldMask(paths: paths)
            for (index, flow) in flows.enumerated() {
                let expected: [UInt8] = try FlowEnvelope(flow: mask.apply(to: flow)).serializedBytes()
                let written = MaskedFlowResponse(envelope: FlowEnvelope(flow: flow), mask: mask.node).protoBytes()
                #expect(written == expected, "flow \(index + 1), mask \(paths)")
            }
        }
    }

    @Test func recordsWithoutAFlowAreWrittenWhole() throws {
        var lost = FlowEnvelope()
        lost.lostEvents.numEventsLost = 7
        lost.nodeName = "kind-worker"
        let mask = try FlowFieldMask(paths: ["time"])
        let expected: [UInt8] = try lost.serializedBytes()
        #expect(MaskedFlowResponse(envelope: lost, mask: mask.node).protoBytes() == expected)
    }
}
