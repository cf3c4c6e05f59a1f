import AgentServer
import FlowClient
import FlowModel
import Foundation
import GRPCCore
import GRPCInProcessTransport
import HubbleAPI
import HubbleServices
import SwiftProtobuf
import Synchronization
import Testing

/// Several in-process agents read at once: merged in time order, `number` per server, and servers
/// that cannot be reached told apart from the others.
@Suite struct FanInTests {
    struct NoFeed: FlowFeed {
        mutating func next() -> Flow? { nil }
    }

    /// An agent whose ring holds flows at `times` (milliseconds) on node `name`.
    static func agent(_ name: String, times: [Int64]) -> Agent {
        let hub = FlowHub(nodeName: name, cluster: "kind-kind", capacity: 256)
        hub.publish(times.map { time in
            var flow = Flow()
            flow.time = Google_Protobuf_Timestamp(seconds: 1_700_000_000 + time / 1000, nanos: Int32(time % 1000) * 1_000_000)
            flow.nodeName = name
            flow.uuid = "\(name)-\(time)"
            return .flow(flow)
        })
        let node = AgentDescription.Node(name: name, address: "10.0.0.1", cluster: "kind-kind", shortName: name)
        return Agent(hub: hub, description: AgentDescription(serverVersion: "loupe-agent test", nodes: [node]))
    }

    /// Runs `body` with a source for each agent (served in-process) and one that cannot be reached
    /// for each name in `unreachable`.
    static func withSources<R: Sendable>(
        _ agents: [Agent], unreachable: [String] = [], _ body: @Sendable @escaping ([FanIn.Source]) async throws -> R
    ) async throws -> R {
        let transports = agents.map { _ in InProcessTransport() }
        var sources = zip(agents, transports).map { agent, transport in
            FanIn.Source(name: agent.description.nodes[0].name) { body in
                try await withGRPCClient(transport: transport.client) { client in
                    try await body(ObserverConnection(client: client, server: agent.description.nodes[0].name))
                }
            }
        }
        sources += unreachable.map { name in
            FanIn.Source(name: name) { _ in throw ServerError(code: .unavailable, message: "connection refused", server: name) }
        }
        let all = sources
        return try await withThrowingTaskGroup(of: R?.self) { group in
            for (agent, transport) in zip(agents, transports) {
                group.addTask {
                    try await agent.run(transport: transport.server, feed: NoFeed(), pacer: FlowPacer(hub: agent.hub))
                    return nil
                }
            }
            group.addTask { try await body(all) }
            defer {
                for agent in agents { agent.shutdown() }
                group.cancelAll()
            }
            while let result = try await group.next() {
                if let result { return result }
            }
            throw CancellationError()
        }
    }

    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var received: [FlowEnvelope] = []
        private var events: [FanIn.Event] = []
        func add(_ batch: [FlowEnvelope]) { lock.withLock { received += batch } }
        func add(_ event: FanIn.Event) { lock.withLock { events.append(event) } }
        var records: [FlowEnvelope] { lock.withLock { received } }
        var reported: [FanIn.Event] { lock.withLock { events } }
        var flows: [Flow] { lock.withLock { received.compactMap { if case .flow(let f)? = $0.responseTypes { f } else { nil } } } }
    }

    @Test func lastNIsPerServerAndTheMergeIsInTimeOrder() async throws {
        let agents = (0..<3).map { i in Self.agent("node-\(i)", times: (0..<40).map { Int64($0 * 30 + i * 7) }) }
        let collected = Collected()
        let outcome = try await Self.withSources(agents) { sources in
            var request = Observer_GetFlowsRequest()
            request.number = 5
            return try await FanIn(sources: sources, request: request).run(deliver: { collected.add($0) }, report: { collected.add($0) })
        }
        let flows = collected.flows
        #expect(flows.count == 15)
        let times = flows.map { Int64($0.time.seconds - 1_700_000_000) * 1000 + Int64($0.time.nanos / 1_000_000) }
        #expect(times == times.sorted())
        for i in 0..<3 {
            #expect(flows.filter { $0.nodeName == "node-\(i)" }.map(\.uuid) == (35..<40).map { "node-\(i)-\($0 * 30 + i * 7)" })
        }
        #expect(outcome.endings.allSatisfy { if case .completed = $0 { true } else { false } })
    }

    @Test func anUnreachableServerDoesNotStopTheOthers() async throws {
        let agents = [Self.agent("node-a", times: [1, 2, 3])]
        let collected = Collected()
        let outcome = try await Self.withSources(agents, unreachable: ["down:4244"]) { sources in
            try await FanIn(sources: sources, request: Observer_GetFlowsRequest()).run(deliver: { collected.add($0) }, report: { collected.add($0) })
        }
        #expect(collected.flows.map(\.uuid) == ["node-a-1", "node-a-2", "node-a-3"])
        guard case .completed = outcome.endings[0], case .unreachable(let error) = outcome.endings[1] else {
            Issue.record("endings: \(outcome.endings)")
            return
        }
        #expect(error.server == "down:4244")
    }

    @Test func whenNothingCanBeReachedFollowingStopsAtOnce() async throws {
        let collected = Collected()
        let start = ContinuousClock.now
        let outcome = try await Self.withSources([], unreachable: ["a:4244", "b:4244"]) { sources in
            var request = Observer_GetFlowsRequest()
            request.follow = true
            return try await FanIn(sources: sources, request: request).run(deliver: { collected.add($0) }, report: { collected.add($0) })
        }
        #expect(outcome.endings.allSatisfy { if case .unreachable = $0 { true } else { false } })
        // Not retried for ever (a busy test run may schedule the tasks late: a generous bound).
        #expect(ContinuousClock.now - start < .seconds(180))
    }

    @Test func localChecksAndCountsApplyPerServer() async throws {
        let agents = (0..<2).map { i in Self.agent("node-\(i)", times: (1...20).map { Int64($0 * 10 + i) }) }
        let collected = Collected()
        _ = try await Self.withSources(agents) { sources in
            var request = Observer_GetFlowsRequest()
            request.number = 0
            let fanIn = FanIn(sources: sources, request: request, count: .last(2)) { envelope in
                // Only even tens pass loupe's own check.
                envelope.flow.time.seconds == 1_700_000_000 && (envelope.flow.time.nanos / 10_000_000) % 2 == 0 ? envelope : nil
            }
            return try await fanIn.run(deliver: { collected.add($0) }, report: { collected.add($0) })
        }
        #expect(collected.flows.map(\.uuid) == ["node-0-180", "node-1-181", "node-0-200", "node-1-201"])
    }
}

/// A relay's in-band node status is passed on, not taken for the end of the stream.
@Suite struct FanInNodeStatusTests {
    /// A server that answers GetFlows with `records`, then ends the stream.
    struct ScriptedServer: ObserverCalls {
        var server: String
        var records: [FlowEnvelope]

        func flows<Result: Sendable>(
            _ request: Observer_GetFlowsRequest,
            handle: @Sendable @escaping (FlowBatches) async throws -> Result
        ) async throws -> Result {
            let (stream, continuation) = AsyncThrowingStream<FlowEnvelope, any Error>.makeStream()
            for record in records { continuation.yield(record) }
            continuation.finish()
            return try await handle(FlowBatches(RPCAsyncSequence(wrapping: stream)))
        }
        func healthCheck() async throws -> Grpc_Health_V1_HealthCheckResponse.ServingStatus { .serving }
        func serverStatus() async throws -> Observer_ServerStatusResponse { Observer_ServerStatusResponse() }
        func nodes() async throws -> [Observer_Node] { [] }
        func namespaces() async throws -> [Observer_Namespace] { [] }
    }

    @Test func aNodeErrorFromARelayIsPassedOn() async throws {
        var error = FlowEnvelope()
        error.nodeStatus.stateChange = .nodeError
        error.nodeStatus.nodeNames = ["kind-worker"]
        error.nodeStatus.message = "connection refused"
        error.nodeName = "relay"
        let records = [FlowMergerTests.flow(1, node: "kind-worker2"), error, FlowMergerTests.flow(2, node: "kind-worker2")]
        let relay = FanIn.Source(name: "relay:4245") { body in try await body(ScriptedServer(server: "relay:4245", records: records)) }
        let collected = FanInTests.Collected()
        let outcome = try await FanIn(sources: [relay], request: Observer_GetFlowsRequest())
            .run(deliver: { collected.add($0) }, report: { collected.add($0) })
        #expect(collected.records.count == 3)
        #expect(collected.records.contains { if case .nodeStatus(let status)? = $0.responseTypes { status.stateChange == .nodeError } else { false } })
        guard case .completed = outcome.endings[0] else {
            Issue.record("the relay's stream ended as \(outcome.endings[0])")
            return
        }
    }
    /// Two relays, each answering history with a "connected" status stamped now, then older flows:
    /// the flows of both still come out in time order (`--last N` with several servers).
    @Test func aStatusStampedNowDoesNotHoldBackAServersHistory() async throws {
        func relay(_ name: String, _ times: [Int64], connectedAt now: Int64) -> FanIn.Source {
            var connected = FlowEnvelope()
            connected.nodeStatus.stateChange = .nodeConnected
            connected.nodeStatus.nodeNames = [name]
            connected.time = Google_Protobuf_Timestamp(seconds: 1_700_000_000 + now, nanos: 0)
            let records = [connected] + times.map { FlowMergerTests.flow($0, node: name) }
            return FanIn.Source(name: name) { body in try await body(ScriptedServer(server: name, records: records)) }
        }
        let sources = [relay("a", [10, 30, 50], connectedAt: 100), relay("b", [20, 40, 60], connectedAt: 99)]
        var request = Observer_GetFlowsRequest()
        request.number = 3
        let collected = FanInTests.Collected()
        _ = try await FanIn(sources: sources, request: request, count: .last(3))
            .run(deliver: { collected.add($0) }, report: { collected.add($0) })
        let flows = collected.records.filter { if case .flow? = $0.responseTypes { true } else { false } }
        #expect(FlowMergerTests.times(flows) == [10, 20, 30, 40, 50, 60])
        #expect(collected.records.count == 8)
    }
}

/// A followed server that ends its stream cleanly is going away (a graceful restart): it is retried
/// and resumed, not taken for finished.
@Suite struct FanInRestartTests {
    /// Answers each attempt with the next script, ending the stream cleanly; the last script's
    /// stream stays open.
    final class RestartingServer: ObserverCalls {
        let server = "agent:4244"
        let scripts: [[FlowEnvelope]]
        let attempts = Mutex(0)

        init(scripts: [[FlowEnvelope]]) { self.scripts = scripts }

        func flows<Result: Sendable>(
            _ request: Observer_GetFlowsRequest,
            handle: @Sendable @escaping (FlowBatches) async throws -> Result
        ) async throws -> Result {
            let attempt = attempts.withLock { count in
                defer { count += 1 }
                return count
            }
            let (stream, continuation) = AsyncThrowingStream<FlowEnvelope, any Error>.makeStream()
            for record in scripts[min(attempt, scripts.count - 1)] { continuation.yield(record) }
            if attempt < scripts.count - 1 { continuation.finish() }
            return try await handle(FlowBatches(RPCAsyncSequence(wrapping: stream)))
        }
        func healthCheck() async throws -> Grpc_Health_V1_HealthCheckResponse.ServingStatus { .serving }
        func serverStatus() async throws -> Observer_ServerStatusResponse { Observer_ServerStatusResponse() }
        func nodes() async throws -> [Observer_Node] { [] }
        func namespaces() async throws -> [Observer_Namespace] { [] }
    }

    @Test func aFollowedStreamThatEndsCleanlyIsResumedWithoutRepeats() async throws {
        let flow = { (time: Int64) in FlowMergerTests.flow(time, node: "agent") }
        // The restarted agent's ring still holds the flow delivered last before the stop.
        let server = RestartingServer(scripts: [[flow(1), flow(2)], [flow(2), flow(3)]])
        let source = FanIn.Source(name: server.server) { body in try await body(server) }
        var request = Observer_GetFlowsRequest()
        request.follow = true
        let fanIn = FanIn(sources: [source], request: request, retry: RetryPolicy(initial: .milliseconds(5), maximum: .milliseconds(20)))
        let collected = FanInTests.Collected()
        let reading = Task {
            try await fanIn.run(deliver: { collected.add($0) }, report: { collected.add($0) })
        }
        let deadline = ContinuousClock.now + .seconds(60)
        while collected.flows.count < 3, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        try await Task.sleep(for: .milliseconds(50))
        reading.cancel()
        _ = try? await reading.value
        #expect(FlowMergerTests.times(collected.records) == [1, 2, 3])
        #expect(server.attempts.withLock { $0 } == 2)
        let outages = collected.reported.filter { if case .unavailable(_, _, let retryIn) = $0 { retryIn != nil } else { false } }
        #expect(outages.count == 1)
    }
}
