import AgentServer
import BuildInfo
import ClusterSimulation
import FlowClient
import Foundation
import GRPCCore
import GRPCInProcessTransport

/// `--demo`: a loupe-agent simulating the seed scenario inside this process, reached through
/// gRPC's in-process transport with the same client code as a real server.
package enum DemoAgent {
    /// Traffic already in the ring when the demo starts, and its pace.
    package static let history: TimeInterval = 30
    package static let rate = 100.0

    package static func withConnection<Result: Sendable>(
        requestTimeout: Duration,
        _ body: @Sendable @escaping (ObserverConnection<InProcessTransport.Client>) async throws -> Result
    ) async throws -> Result {
        let inProcess = InProcessTransport()
        var simulation = AgentSimulation(
            scenario: SeedScenario.load(), bufferSize: 4095, serverVersion: "loupe-agent v\(BuildInfo.version) (demo)",
            seed: UInt64(Date().timeIntervalSince1970), rate: rate, history: history)
        let (ready, signal) = AsyncStream<Void>.makeStream()
        simulation.pacer.onCaughtUp = { signal.finish() }
        let agent = simulation
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                try await agent.run(transport: inProcess.server)
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
