import FlowModel
import HubbleAPI
import NIOCore
import Synchronization
import Testing
@testable import FlowClient

/// A single server's stream is decoded, checked and delivered on one thread (`ReaderExecutor`):
/// each flow is freed by the thread that made it. Several servers are read in parallel.
@Suite struct ReaderExecutorTests {
    /// Whether each delivery ran on the reader's thread.
    static func deliveries(sources count: Int) async throws -> [Bool] {
        let sources = (0..<count).map { index in
            let name = "server-\(index)"
            let records = (1...3).map { FlowMergerTests.flow(Int64(10 * index + $0), node: name) }
            return FanIn.Source(name: name) { body in try await body(FanInNodeStatusTests.ScriptedServer(server: name, records: records)) }
        }
        var onReaderThread: [Bool] = []
        _ = try await FanIn(sources: sources, request: Observer_GetFlowsRequest())
            .run(deliver: { _ in onReaderThread.append(ReaderExecutor.shared.eventLoop.inEventLoop) }, report: { _ in })
        return onReaderThread
    }

    @Test func oneServerIsReadAndDeliveredOnTheReadersThread() async throws {
        let deliveries = try await Self.deliveries(sources: 1)
        #expect(!deliveries.isEmpty)
        #expect(deliveries.allSatisfy { $0 })
    }

    @Test func severalServersAreReadOnTheGlobalExecutor() async throws {
        let deliveries = try await Self.deliveries(sources: 3)
        #expect(!deliveries.isEmpty)
        #expect(deliveries.allSatisfy { !$0 })
    }
}
