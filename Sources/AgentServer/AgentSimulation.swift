import ClusterSimulation
import Foundation
import GRPCCore

/// An agent serving a simulated cluster, with its traffic and its pace: what `loupe-agent serve
/// --scenario` runs behind a listener and `loupe observe --demo` runs in process.
public struct AgentSimulation: Sendable {
    public let agent: Agent
    public let traffic: TrafficSimulator
    /// Its `onCaughtUp` is called once the history is in the ring.
    public var pacer: FlowPacer

    /// - Parameters:
    ///   - node: serve only this node's flows (nil: every node, as Hubble Relay does).
    ///   - seed: the same seed gives the same traffic.
    ///   - rate: flows per second.
    ///   - history: seconds of traffic already in the ring when clients are let in.
    public init(
        scenario: Scenario, node: String? = nil, bufferSize: Int, serverVersion: String, seed: UInt64, rate: Double,
        history: TimeInterval, now: Date = Date()
    ) {
        agent = Agent.simulating(
            scenario, node: node, bufferSize: bufferSize, serverVersion: serverVersion, startedAt: now.addingTimeInterval(-history))
        var traffic = TrafficSimulator(scenario: scenario, seed: seed, node: node, start: Int64((now.timeIntervalSince1970 - history) * 1e9))
        traffic.setRate(rate)
        self.traffic = traffic
        pacer = FlowPacer(hub: agent.hub, wallClock: true)
    }

    /// Serves on `transport` until the task is cancelled or `shutdown()` is called.
    public func run<Transport: ServerTransport>(
        transport: Transport, onStart: @Sendable @escaping (GRPCServer<Transport>) async -> Void = { _ in }
    ) async throws {
        try await agent.run(transport: transport, feed: traffic, pacer: pacer, onStart: onStart)
    }

    /// Ends every stream and stops the server.
    public func shutdown() { agent.shutdown() }
}
