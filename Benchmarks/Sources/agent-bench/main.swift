import AgentServer
import ClusterSimulation
import FlowClient
import FlowModel
import FlowOutput
import Foundation
import GRPCCore
import GRPCInProcessTransport
import HubbleAPI
import SwiftProtobuf

// The agent's hot paths on one machine, in process:
//   - the simulation producing flows;
//   - GetFlows scanning a full 65,535-flow ring with a filter that matches 1% of it (the query
//     alone, and through the hub's batched reads as a stream does);
//   - a GetFlows stream of the whole ring through gRPC's in-process transport (serialising,
//     framing and decoding included), with and without compact rendering on the client;
//   - the time-ordered merge of four streams, as `loupe observe` merges several servers;
//   - the binary codec of every flow sent and received: loupe's generated encoder and decoder
//     against swift-protobuf's, on the same flows in the same run.
// Usage: agent-bench [ROUNDS] [simulation]   (best of ROUNDS for each figure, default 5;
//        `simulation` measures the simulation alone, for profiling)

let rounds = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 5 : 5
let simulationOnly = CommandLine.arguments.dropFirst(2).first == "simulation"
let capacity = 65_535

func best(_ rounds: Int, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

func rate(_ count: Int, _ seconds: Double) -> String {
    let perSecond = Double(count) / seconds
    return perSecond >= 1e6 ? String(format: "%.2fM/s", perSecond / 1e6) : String(format: "%.0fk/s", perSecond / 1e3)
}

let scenario = SeedScenario.load()
var flows: [Flow] = []
let simulation = best(rounds) {
    var simulator = TrafficSimulator(scenario: scenario, seed: 1, start: 1_745_753_171_000_000_000)
    flows = simulator.next(capacity)
}
print("simulation: \(rate(capacity, simulation)) flows generated (\(String(format: "%.3f", simulation)) s for \(capacity))")
if simulationOnly { exit(0) }

// The binary codec: every simulated flow as a GetFlows response, encoded and decoded both ways.
let codecEnvelopes = flows.map { flow -> Observer_GetFlowsResponse in
    var envelope = Observer_GetFlowsResponse(flow: flow)
    envelope.nodeName = flow.nodeName
    envelope.time = flow.time
    return envelope
}
var encoded: [[UInt8]] = []
let swiftProtobufEncode = try best(rounds) { encoded = try codecEnvelopes.map { try $0.serializedBytes() } }
let loupeEncode = best(rounds) { encoded = codecEnvelopes.map { $0.protoBytes() } }
var decodedCount = 0
let swiftProtobufDecode = try best(rounds) {
    decodedCount = 0
    for bytes in encoded { decodedCount += try Observer_GetFlowsResponse(serializedBytes: bytes).nodeName.count }
}
let loupeDecode = try best(rounds) {
    decodedCount = 0
    for bytes in encoded {
        decodedCount += try bytes.withUnsafeBytes { buffer throws(ProtoDecodingError) in try Observer_GetFlowsResponse(protoBytes: buffer) }.nodeName.count
    }
}
func perFlow(_ seconds: Double) -> String { String(format: "%.2f µs", seconds * 1e6 / Double(capacity)) }
print("binary encode, per flow: loupe \(perFlow(loupeEncode)), swift-protobuf \(perFlow(swiftProtobufEncode)) "
    + "(\(String(format: "%.2f", loupeEncode / swiftProtobufEncode))×; \(encoded.map(\.count).reduce(0, +) / capacity) bytes a flow)")
print("binary decode, per flow: loupe \(perFlow(loupeDecode)), swift-protobuf \(perFlow(swiftProtobufDecode)) "
    + "(\(String(format: "%.2f", loupeDecode / swiftProtobufDecode))×)")

// One flow in a hundred goes to namespace `needle`: the filter's match.
for index in stride(from: 0, to: flows.count, by: 100) { flows[index].destination.namespace = "needle" }
let hub = FlowHub(nodeName: "kind-kind/kind-worker", cluster: "kind-kind", capacity: capacity)
hub.publish(flows.map { .flow($0) })

var request = Observer_GetFlowsRequest()
var needle = Flow_FlowFilter()
needle.destinationPod = ["needle/"]
request.whitelist = [needle]
var matched = 0
let scan = try best(rounds) {
    var query = try GetFlowsQuery(request)
    matched = hub.withRing { query.history(in: $0, nodeName: hub.nodeName).count }
}
print("GetFlows scan, 1% match: \(rate(capacity, scan)) flows scanned (\(matched) sent; the query over the ring)")

let batched = try best(rounds) {
    var query = try GetFlowsQuery(request)
    var position: UInt64 = 0
    var sent = 0
    while case .events(let events, let next) = hub.read(from: position, max: 1024) {
        for event in events {
            switch query.step(event, nodeName: hub.nodeName) {
            case .send, .sendFlow: sent += 1
            case .skip, .end: break
            }
        }
        position = next
    }
    precondition(sent == matched)
}
print("GetFlows scan, 1% match: \(rate(capacity, batched)) flows scanned (read in batches of 1,024, as a stream does)")

// A whole-ring stream through gRPC (in-process transport), as `loupe observe --all` asks for it.
struct NoFeed: FlowFeed { mutating func next() -> Flow? { nil } }
let agent = Agent(hub: hub, description: AgentDescription(serverVersion: "bench", nodes: []))
var all = Observer_GetFlowsRequest()
all.number = UInt64.max
all.fieldMask = .init(protoPaths: FlowFieldMask.referenceDefaultPaths)

func stream(render: Bool) async throws -> Double {
    let transport = InProcessTransport()
    return try await withThrowingTaskGroup(of: Double?.self) { group in
        group.addTask {
            try await agent.run(transport: transport.server, feed: NoFeed(), pacer: FlowPacer(hub: hub))
            return nil
        }
        group.addTask {
            try await withGRPCClient(transport: transport.client) { client in
                let connection = ObserverConnection(client: client, server: "bench")
                var fastest = Double.infinity
                for _ in 0..<rounds {
                    let start = DispatchTime.now().uptimeNanoseconds
                    let received = try await connection.flows(all) { messages in
                        var count = 0
                        var formatter = makeFormatter(.compact, options: FormatOptions())
                        var buffers = OutputBuffers()
                        for try await batch in messages {
                            for message in batch {
                                count += 1
                                if render {
                                    formatter.write(message, to: &buffers)
                                    if buffers.stdout.count > 1 << 16 { buffers.removeAll() }
                                }
                            }
                        }
                        return count
                    }
                    precondition(received == capacity)
                    fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                }
                return fastest
            }
        }
        defer { group.cancelAll() }
        while let result = try await group.next() { if let result { return result } }
        return .infinity
    }
}

let plain = try await stream(render: false)
print("GetFlows stream of the whole ring, in-process gRPC: \(rate(capacity, plain)) flows received (default field mask)")
let rendered = try await stream(render: true)
print("the same, rendered as compact lines on the client: \(rate(capacity, rendered))")

// The merge of four servers' streams (FlowMerger), without the network: four producers push a
// quarter of the ring each, interleaved in time, in batches of 256 as a stream's reads give them,
// while one reader takes the merged batches.
let envelopes = flows.map { FlowEnvelope(flow: $0) }
let quarters = (0..<4).map { part in
    let records = stride(from: part, to: envelopes.count, by: 4).map { (envelopes[$0], envelopes[$0].sortKey) }
    return stride(from: 0, to: records.count, by: 256).map { Array(records[$0..<min($0 + 256, records.count)]) }
}
var mergedCount = 0
var mergeBest = Double.infinity
for _ in 0..<rounds {
    let start = DispatchTime.now().uptimeNanoseconds
    let merger = FlowMerger(sources: 4, options: FlowMerger.Options(capacity: 1024, drain: nil))
    for index in 0..<4 { merger.setActive(index, true) }
    let producers = Task {
        await withTaskGroup(of: Void.self) { group in
            for (index, part) in quarters.enumerated() {
                group.addTask {
                    for batch in part { await merger.push(contentsOf: batch, from: index) }
                    merger.setActive(index, false)
                }
            }
        }
        merger.close()
    }
    var count = 0
    while let batch = await merger.next() { count += batch.count }
    await producers.value
    mergedCount = count
    mergeBest = min(mergeBest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}
precondition(mergedCount == capacity)
print("merge of 4 streams (FlowMerger, in memory): \(rate(capacity, mergeBest)) flows merged in time order")
