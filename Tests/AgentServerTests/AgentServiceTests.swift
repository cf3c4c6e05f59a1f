import AgentServer
import FlowClient
import FlowModel
import Foundation
import GRPCCore
import GRPCInProcessTransport
import HubbleAPI
import HubbleServices
import SwiftProtobuf
import Testing

/// The agent's gRPC services through the client loupe uses, over gRPC's in-process transport.
@Suite struct AgentServiceTests {
    struct NoFeed: FlowFeed {
        mutating func next() -> Flow? { nil }
    }

    static func flow(_ second: Int64, namespace: String = "echo", verdict: Flow_Verdict = .forwarded) -> Flow {
        var flow = Flow()
        flow.time = Google_Protobuf_Timestamp(seconds: 1_700_000_000 + second, nanos: 0)
        flow.verdict = verdict
        flow.nodeName = "kind-kind/kind-worker"
        flow.source.namespace = namespace
        flow.source.podName = "pod-\(second)"
        flow.destination.namespace = "kube-system"
        flow.summary = "TCP Flags: SYN"
        return flow
    }

    static func agent(capacity: Int = 64, nodes: Int = 1) -> Agent {
        let hub = FlowHub(nodeName: "kind-kind/kind-worker", cluster: "kind-kind", capacity: capacity)
        let served = (0..<nodes).map { i in
            AgentDescription.Node(name: "kind-kind/node-\(i)", address: "172.18.0.\(i + 2)", cluster: "kind-kind", shortName: "node-\(i)")
        }
        return Agent(hub: hub, description: AgentDescription(serverVersion: "loupe-agent v0.1.0", nodes: served))
    }

    /// Runs `body` against `agent` and stops the agent afterwards.
    static func withAgent<R: Sendable>(
        _ agent: Agent,
        _ body: @Sendable @escaping (ObserverConnection<InProcessTransport.Client>, GRPCClient<InProcessTransport.Client>) async throws -> R
    ) async throws -> R {
        let transport = InProcessTransport()
        return try await serving(agent, on: transport.server) {
            try await withGRPCClient(transport: transport.client) { client in
                try await body(ObserverConnection(client: client, server: "in-process"), client)
            }
        }
    }

    /// Runs `agent` on `transport` while `client` runs; stops the agent when it returns.
    static func serving<R: Sendable, Transport: ServerTransport>(
        _ agent: Agent, on transport: Transport, _ client: @Sendable @escaping () async throws -> R
    ) async throws -> R {
        try await withThrowingTaskGroup(of: R?.self) { group in
            group.addTask {
                try await agent.run(transport: transport, feed: NoFeed(), pacer: FlowPacer(hub: agent.hub))
                return nil
            }
            group.addTask { try await client() }
            defer {
                agent.shutdown()
                group.cancelAll()
            }
            while let result = try await group.next() {
                if let result { return result }
            }
            throw CancellationError()
        }
    }

    /// What `request` fails with, or "no error".
    static func failure(_ connection: ObserverConnection<some ClientTransport>, _ request: Observer_GetFlowsRequest) async throws -> String {
        do {
            _ = try await collect(connection, request)
            return "no error"
        } catch let error as ServerError {
            return error.description
        }
    }

    static func collect(_ connection: ObserverConnection<some ClientTransport>, _ request: Observer_GetFlowsRequest) async throws -> [FlowEnvelope] {
        try await connection.flows(request) { messages in
            var all: [FlowEnvelope] = []
            for try await batch in messages { all.append(contentsOf: batch) }
            return all
        }
    }

    @Test func historyIsTheLastFlowsOldestFirst() async throws {
        let agent = Self.agent()
        agent.hub.publish((1...30).map { .flow(Self.flow($0)) })
        let seconds = try await Self.withAgent(agent) { connection, _ in
            var request = Observer_GetFlowsRequest()
            request.number = 5
            return try await Self.collect(connection, request).map { $0.flow.time.seconds - 1_700_000_000 }
        }
        #expect(seconds == [26, 27, 28, 29, 30])
    }

    @Test func filtersAndMasksApplyOnTheServer() async throws {
        let agent = Self.agent()
        agent.hub.publish((1...10).map { .flow(Self.flow($0, namespace: $0 % 2 == 0 ? "echo" : "galaxy")) })
        let envelopes = try await Self.withAgent(agent) { connection, _ in
            var request = Observer_GetFlowsRequest()
            var filter = Flow_FlowFilter()
            filter.sourcePod = ["galaxy/"]
            request.whitelist = [filter]
            request.fieldMask = Google_Protobuf_FieldMask(protoPaths: ["source.pod_name", "verdict"])
            return try await Self.collect(connection, request)
        }
        #expect(envelopes.map(\.flow.source.podName) == ["pod-1", "pod-3", "pod-5", "pod-7", "pod-9"])
        // Masked: the namespace the filter used is gone, and so is the time (the envelope's too).
        #expect(envelopes.allSatisfy { $0.flow.source.namespace.isEmpty && !$0.flow.hasTime && !$0.hasTime && $0.nodeName.isEmpty })
    }

    @Test func requestErrorsCarryTheReferenceCodesAndTexts() async throws {
        let agent = Self.agent()
        let failures = try await Self.withAgent(agent) { connection, _ in
            var results: [String] = []
            for configure: @Sendable (inout Observer_GetFlowsRequest) -> Void in [
                { $0.first = true; $0.follow = true },
                { var f = Flow_FlowFilter(); f.sourcePort = ["x"]; $0.whitelist = [f] },
                { $0.fieldMask = Google_Protobuf_FieldMask(protoPaths: ["source.nope"]) },
            ] {
                var request = Observer_GetFlowsRequest()
                configure(&request)
                results.append(try await Self.failure(connection, request))
            }
            return results
        }
        #expect(failures[0] == "rpc error: code = InvalidArgument desc = first cannot be specified with follow")
        #expect(failures[1].hasPrefix("invalid source port filter: "))
        #expect(failures[2] == "invalid fieldmask")
    }

    @Test func followSendsWhatArrivesAfterTheCall() async throws {
        let agent = Self.agent()
        agent.hub.publish((1...5).map { .flow(Self.flow($0)) })
        let hub = agent.hub
        let seconds = try await Self.withAgent(agent) { connection, _ in
            var request = Observer_GetFlowsRequest()
            request.follow = true
            request.number = 2
            return try await connection.flows(request) { messages in
                var seen: [Int64] = []
                let publisher = Task {
                    try await Task.sleep(for: .milliseconds(100))
                    hub.publish((6...8).map { .flow(Self.flow($0)) })
                }
                defer { publisher.cancel() }
                for try await batch in messages {
                    seen += batch.map { $0.flow.time.seconds - 1_700_000_000 }
                    if seen.count >= 5 { break }
                }
                return seen
            }
        }
        #expect(seconds == [4, 5, 6, 7, 8])
    }

    /// Each node's flows seen since start, not its share of the ring: once the ring is full, a rate
    /// over the uptime would otherwise fall while traffic goes on.
    @Test func nodesCountTheFlowsTheySawSinceStart() async throws {
        let agent = Self.agent(capacity: 4, nodes: 2)
        agent.hub.publish((Int64(1)...30).map { n in
            var flow = Self.flow(n, namespace: "echo")
            flow.nodeName = n % 3 == 0 ? "kind-kind/node-1" : "kind-kind/node-0"
            return .flow(flow)
        })
        try await Self.withAgent(agent) { connection, _ in
            let nodes = try await connection.nodes()
            #expect(nodes.map(\.seenFlows) == [20, 10])
            #expect(nodes.map(\.numFlows).reduce(0, +) == 4)
        }
    }

    @Test func statusHealthNamespacesNodesAndPeers() async throws {
        let agent = Self.agent(capacity: 8, nodes: 2)
        agent.hub.publish((1...12).map { .flow(Self.flow($0, namespace: $0 % 3 == 0 ? "universe" : "echo")) })
        try await Self.withAgent(agent) { connection, client in
            let status = try await connection.serverStatus()
            #expect(status.numFlows == 8 && status.maxFlows == 8 && status.seenFlows == 12)
            #expect(status.version == "loupe-agent v0.1.0")
            #expect(status.numConnectedNodes.value == 2 && status.hasNumUnavailableNodes)
            #expect(try await connection.healthCheck() == .serving)
            let namespaces = try await connection.namespaces().map(\.namespace)
            #expect(namespaces == ["echo", "kube-system", "universe"])
            let nodes = try await connection.nodes()
            #expect(nodes.map(\.name) == ["kind-kind/node-0", "kind-kind/node-1"] && nodes.allSatisfy { $0.state == .nodeConnected })

            // The version header the reference CLI checks, on every RPC.
            let observer = Observer_Observer.Client(wrapping: client)
            let header = try await observer.serverStatus(Observer_ServerStatusRequest()) { response in
                Array(response.metadata[stringValues: "hubble-server-version"])
            }
            #expect(header == ["1.19.4"])

            let health = Grpc_Health_V1_Health.Client(wrapping: client)
            var unknown = Grpc_Health_V1_HealthCheckRequest()
            unknown.service = "nope"
            await #expect(throws: RPCError.self) { _ = try await health.check(unknown) }

            let peers = try await Peer_Peer.Client(wrapping: client).notify(Peer_NotifyRequest()) { response in
                var changes: [Peer_ChangeNotification] = []
                for try await change in response.messages {
                    changes.append(change)
                    if changes.count == 2 { break }
                }
                return changes
            }
            #expect(peers.map(\.name) == ["kind-kind/node-0", "kind-kind/node-1"] && peers.allSatisfy { $0.type == .peerAdded })
            #expect(peers.first?.address == "172.18.0.2")
        }
    }

    @Test func aReaderBehindTheRingIsToldWhatWasLost() {
        let hub = FlowHub(nodeName: "n", cluster: "c", capacity: 8)
        hub.publish((1...20).map { .flow(Self.flow($0)) })
        guard case .lost(let count, let next) = hub.read(from: 2, max: 100) else {
            Issue.record("expected lost events")
            return
        }
        #expect(count == 10 && next == 12)
        guard case .events(let events, let end) = hub.read(from: next, max: 100) else {
            Issue.record("expected events")
            return
        }
        #expect(events.count == 8 && end == 20)
        if case .caughtUp = hub.read(from: 20, max: 100) {} else { Issue.record("expected nothing new") }
    }
}
