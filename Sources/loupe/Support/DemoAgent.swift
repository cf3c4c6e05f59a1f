import AgentServer
import ClusterSimulation
import FlowClient
import Foundation
import GRPCCore
import GRPCInProcessTransport

/// `--demo`: a loupe-agent simulating the seed scenario inside this process, reached through
/// gRPC's in-process transport with the same client code as a real server.
enum DemoAgent {
    /// Traffic already in the ring when the demo starts, and its pace.
    static let history: TimeInterval = 30
    static let rate = 100.0

    static func withConnection<Result: Sendable>(
        requestTimeout: Duration,
        _ body: @Sendable @escaping (ObserverConnection<InProcessTransport.Client>) async throws -> Result
    ) async throws -> Result {
        let inProcess = InProcessTransport()
        let scenario = SeedScenario.load()
        let agent = Agent.simulating(scenario, node: nil, bufferSize: 4095, serverVersion: "loupe-agent v\(LoupeVersion.number) (demo)")
        var simulator = TrafficSimulator(
            scenario: scenario, seed: UInt64(Date().timeIntervalSince1970), start: Int64((Date().timeIntervalSince1970 - history) * 1e9))
        simulator.setRate(rate)
        let (ready, signal) = AsyncStream<Void>.makeStream()
        var pacer = FlowPacer(hub: agent.hub, wallClock: true)
        pacer.onCaughtUp = { signal.finish() }
        let feed = simulator
        let configuredPacer = pacer
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                try await agent.run(transport: inProcess.server, feed: feed, pacer: configuredPacer)
                return nil
            }
            group.addTask {
                for await _ in ready {}
                return try await withGRPCClient(transport: inProcess.client) { client in
                    try await body(ObserverConnection(client: client, server: "demo", requestTimeout: requestTimeout))
                }
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result {
                    agent.shutdown()
                    return result
                }
            }
            throw CancellationError()
        }
    }
}
