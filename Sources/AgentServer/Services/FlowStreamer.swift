import FlowModel
import Foundation
import GRPCCore
import SwiftProtobuf

/// Streams one GetFlows call from the hub: history from the start position, then, with `follow`,
/// new events as they arrive. A reader that falls behind the ring gets a `lost_events` response
/// for what was overwritten and continues at the oldest entry: memory never grows with a slow reader.
struct FlowStreamer {
    let hub: FlowHub
    var query: GetFlowsQuery
    var position: UInt64
    /// Without `follow`, the stream ends at the newest event when the call started.
    let end: UInt64?

    static let batchSize = 256

    init(hub: FlowHub, query: GetFlowsQuery) {
        self.hub = hub
        self.query = query
        var start: UInt64 = 0
        var written: UInt64 = 0
        hub.withRing { ring in
            start = query.start(in: ring)
            written = ring.written
        }
        position = start
        end = query.request.follow ? nil : written
    }

    /// Sent first by an agent that serves several nodes, as Hubble Relay does: the nodes it reads.
    var connectedNodes: [String] = []

    mutating func run(into writer: RPCWriter<Observer_GetFlowsResponse>) async throws {
        var batch: [Observer_GetFlowsResponse] = []
        batch.reserveCapacity(Self.batchSize)
        if !connectedNodes.isEmpty {
            var status = Relay_NodeStatusEvent()
            status.stateChange = .nodeConnected
            status.nodeNames = connectedNodes
            var envelope = Observer_GetFlowsResponse()
            envelope.nodeStatus = status
            envelope.nodeName = hub.nodeName
            envelope.time = Google_Protobuf_Timestamp(date: Date())
            batch.append(envelope)
        }
        while !Task.isCancelled {
            if let end, position >= end { break }
            switch hub.read(from: position, max: 1024) {
            case .lost(let count, let next):
                batch.append(lostEvents(count))
                position = next
            case .events(let events, let next):
                for (offset, event) in events.enumerated() {
                    if let end, position + UInt64(offset) >= end { break }
                    switch query.step(event, nodeName: hub.nodeName) {
                    case .send(let envelope): batch.append(envelope)
                    case .skip: break
                    case .end:
                        try await flush(&batch, writer)
                        return
                    }
                    if query.isComplete {
                        try await flush(&batch, writer)
                        return
                    }
                    if batch.count >= Self.batchSize { try await flush(&batch, writer) }
                }
                position = next
            case .caughtUp:
                try await flush(&batch, writer)
                guard query.request.follow, !hub.isClosed else { return }
                await hub.waitForEvents(at: position)
                if hub.isClosed { return }
            }
        }
        try await flush(&batch, writer)
    }

    private func flush(_ batch: inout [Observer_GetFlowsResponse], _ writer: RPCWriter<Observer_GetFlowsResponse>) async throws {
        guard !batch.isEmpty else { return }
        try await writer.write(contentsOf: batch)
        batch.removeAll(keepingCapacity: true)
    }

    private func lostEvents(_ count: UInt64) -> Observer_GetFlowsResponse {
        var envelope = Observer_GetFlowsResponse()
        let now = Google_Protobuf_Timestamp(date: Date())
        var lost = Flow_LostEvent()
        lost.source = .hubbleRingBuffer
        lost.numEventsLost = count
        lost.first = now
        lost.last = now
        envelope.lostEvents = lost
        envelope.nodeName = hub.nodeName
        envelope.time = now
        return envelope
    }
}
