import ClusterSimulation
import FlowModel
import Foundation
import GRPCCore
import HubbleAPI

/// A node agent: the hub, the services that read it, and the feed that fills it. The same agent
/// runs behind a TCP listener (`loupe-agent serve`) or an in-process transport (`loupe --demo`).
public struct Agent: Sendable {
    public let hub: FlowHub
    public let description: AgentDescription

    public init(hub: FlowHub, description: AgentDescription) {
        self.hub = hub
        self.description = description
    }

    public var services: [any RegistrableRPCService] {
        [ObserverServiceRegistration(ObserverService(hub: hub, description: description)), PeerService(hub: hub, description: description), HealthService(hub: hub)]
    }

    /// An agent for a scenario: all its nodes, or only `node`'s flows. `startedAt` is when the
    /// simulated cluster started: the history in the ring is part of its uptime, so that seen flows
    /// over uptime (hubble's FLOWS/S of `list nodes`) is the rate of the traffic.
    public static func simulating(
        _ scenario: Scenario, node: String?, bufferSize: Int, serverVersion: String, startedAt: Date = Date()
    ) -> Agent {
        let qualify = { (name: String) in scenario.cluster == "default" || scenario.cluster.isEmpty ? name : "\(scenario.cluster)/\(name)" }
        let served = scenario.nodes.filter { node == nil || $0.name == node }.map { n in
            AgentDescription.Node(name: qualify(n.name), address: n.ip.description, cluster: scenario.cluster, shortName: n.name)
        }
        let hubName = node.map(qualify) ?? qualify("loupe-agent")
        let hub = FlowHub(nodeName: hubName, cluster: scenario.cluster, capacity: bufferSize, startedAt: startedAt)
        return Agent(hub: hub, description: AgentDescription(serverVersion: serverVersion, nodes: served))
    }

    /// Serves on `transport` and plays `feed` into the hub until the task is cancelled or
    /// `shutdown()` is called; a feed that ends (a replay without `--loop`) leaves the server up.
    /// `interceptors` see every call first (basic authentication).
    public func run<Transport: ServerTransport>(
        transport: Transport, feed: some FlowFeed, pacer: FlowPacer, interceptors: [any ServerInterceptor] = [],
        onStart: @Sendable @escaping (GRPCServer<Transport>) async -> Void = { _ in }
    ) async throws {
        let server = GRPCServer(transport: transport, services: services, interceptors: interceptors)
        let hub = self.hub
        // Clients are let in once the history due at the start is in the ring, so that the first
        // query after "serving" sees it.
        let (ready, signal) = AsyncStream<Void>.makeStream()
        var pacer = pacer
        let caughtUp = pacer.onCaughtUp
        pacer.onCaughtUp = {
            caughtUp?()
            signal.finish()
        }
        let configured = pacer
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask {
                for await _ in ready {}
                try await server.serve()
            }
            group.addTask {
                var feed = feed
                await configured.run(&feed)
                signal.finish()
            }
            group.addTask { await onStart(server) }
            group.addTask {
                // Followers end when the hub closes; then the server can drain and stop.
                while !hub.isClosed && !Task.isCancelled { await hub.waitForEvents(at: .max) }
                server.beginGracefulShutdown()
            }
        }
    }

    /// Ends every stream and stops the server.
    public func shutdown() { hub.close() }
}
