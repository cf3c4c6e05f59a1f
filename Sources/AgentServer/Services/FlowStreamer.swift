import FlowModel
import Foundation
import GRPCCore
import HubbleAPI
import NIOCore
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

    /// Responses handed to the writer at once.
    var batchSize = 256

    /// The key of the encodings kept in the ring for this call's field mask, when its writer takes
    /// them as they are (`Outgoing.Content.encoded`): a query that sends every flow then sends the
    /// kept bytes without copying the flows out of the ring (`FlowHub.keptRuns`).
    var keptEncodings: String?

    /// Losses not reported yet.
    var lost: (count: UInt64, first: Date?, last: Date?) = (0, nil, nil)
    var lastLostReport = Date.distantPast

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

    /// What is sent next: a flow of the ring (its response made only if its bytes are not kept
    /// already) or another response.
    struct Outgoing: Sendable {
        enum Content: Sendable {
            case flow(Flow, position: UInt64)
            case response(Observer_GetFlowsResponse)
            /// Flows encoded together before (a view of their `EncodingArena`), each a gRPC message
            /// with its 5-byte prefix.
            case encoded(ByteBuffer)
        }
        var content: Content

        /// The flow's position in the ring.
        var position: UInt64? {
            if case .flow(_, let position) = content { position } else { nil }
        }
    }

    /// Streams into `writer`, each response made what the writer takes by `wrap`.
    mutating func run<Element>(into writer: RPCWriter<Element>, wrap: (Observer_GetFlowsResponse) -> Element) async throws {
        let query = self.query
        keptEncodings = nil
        try await run { batch in
            try await writer.write(contentsOf: batch.compactMap { outgoing in
                switch outgoing.content {
                case .flow(let flow, _): wrap(query.envelope(for: flow))
                case .response(let response): wrap(response)
                case .encoded: nil  // only with `keptEncodings`, unset above
                }
            })
        }
    }

    /// Streams batch by batch into `write`, which returns once the batch is on its way (the
    /// reader's pace holds the streamer back).
    mutating func run(write: ([Outgoing]) async throws -> Void) async throws {
        var batch: [Outgoing] = []
        batch.reserveCapacity(batchSize)
        if !connectedNodes.isEmpty {
            var status = Relay_NodeStatusEvent()
            status.stateChange = .nodeConnected
            status.nodeNames = connectedNodes
            var envelope = Observer_GetFlowsResponse()
            envelope.nodeStatus = status
            envelope.nodeName = hub.nodeName
            envelope.time = Google_Protobuf_Timestamp(date: Date())
            batch.append(Outgoing(content: .response(envelope)))
        }
        while !Task.isCancelled {
            if let end, position >= end { break }
            if let runs = keptRuns() {
                batch.append(contentsOf: runs.map { Outgoing(content: .encoded($0)) })
                try await flush(&batch, write, final: query.isComplete)
                if query.isComplete { return }
                continue
            }
            switch hub.read(from: position, max: 1024) {
            case .lost(let count, let next):
                // Losses add up and are reported at most once a second, as Cilium does.
                let now = Date()
                lost.count += count
                lost.first = lost.first ?? now
                lost.last = now
                if now.timeIntervalSince(lastLostReport) >= 1 {
                    batch.append(Outgoing(content: .response(lostEvents())))
                    lastLostReport = now
                }
                position = next
            case .events(let events, let next):
                for (offset, event) in events.enumerated() {
                    if let end, position + UInt64(offset) >= end { break }
                    switch query.step(event, nodeName: hub.nodeName) {
                    case .send(let envelope):
                        batch.append(Outgoing(content: .response(envelope)))
                    case .sendFlow:
                        if case .flow(let flow) = event { batch.append(Outgoing(content: .flow(flow, position: position + UInt64(offset)))) }
                    case .skip: break
                    case .end:
                        try await flush(&batch, write, final: true)
                        return
                    }
                    if query.isComplete {
                        try await flush(&batch, write, final: true)
                        return
                    }
                    if batch.count >= batchSize { try await flush(&batch, write) }
                }
                position = next
            case .caughtUp:
                let ending = !query.request.follow || hub.isClosed
                try await flush(&batch, write, final: ending)
                if ending { return }
                await hub.waitForEvents(at: position)
                if hub.isClosed { return }
            }
        }
        try await flush(&batch, write, final: true)
    }

    /// The kept encodings of the flows from `position` on (up to a batch), when the query sends
    /// every flow and the writer takes them; `nil` when the next entry has none (a lost event, a
    /// flow not encoded with this mask yet) or was overwritten: `read` takes it from there.
    private mutating func keptRuns() -> [ByteBuffer]? {
        guard let key = keptEncodings, query.sendsEveryFlow else { return nil }
        var limit = batchSize
        if let remaining = query.remaining { limit = Int(clamping: min(UInt64(limit), remaining)) }
        guard let (runs, next) = hub.keptRuns(from: position, to: end ?? .max, limit: limit, key: key), next > position
        else { return nil }
        query.countSent(next - position)
        position = next
        return runs
    }

    private mutating func flush(_ batch: inout [Outgoing], _ write: ([Outgoing]) async throws -> Void, final: Bool = false) async throws {
        if lost.count > 0, final || Date().timeIntervalSince(lastLostReport) >= 1 {
            batch.append(Outgoing(content: .response(lostEvents())))
            lastLostReport = Date()
        }
        guard !batch.isEmpty else { return }
        try await write(batch)
        batch.removeAll(keepingCapacity: true)
    }

    /// The losses so far as one `lost_events` response; the tally starts again.
    private mutating func lostEvents() -> Observer_GetFlowsResponse {
        var envelope = Observer_GetFlowsResponse()
        let now = Date()
        var event = Flow_LostEvent()
        event.source = .hubbleRingBuffer
        event.numEventsLost = lost.count
        event.first = Google_Protobuf_Timestamp(date: lost.first ?? now)
        event.last = Google_Protobuf_Timestamp(date: lost.last ?? now)
        envelope.lostEvents = event
        envelope.nodeName = hub.nodeName
        envelope.time = Google_Protobuf_Timestamp(date: now)
        lost = (0, nil, nil)
        return envelope
    }
}
