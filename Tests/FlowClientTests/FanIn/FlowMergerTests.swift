import FlowClient
import FlowModel
import Foundation
import HubbleAPI
import SwiftProtobuf
import Testing

/// The merge of several servers' streams: exact time order while every server keeps up, bounded
/// queues, and no wait beyond the drain delay for a quiet server.
@Suite struct FlowMergerTests {
    static func flow(_ nanoseconds: Int64, node: String) -> FlowEnvelope {
        var flow = Flow()
        flow.time = Google_Protobuf_Timestamp(seconds: 1_700_000_000 + nanoseconds / 1_000_000_000, nanos: Int32(nanoseconds % 1_000_000_000))
        flow.nodeName = node
        return FlowEnvelope(flow: flow)
    }

    static func times(_ envelopes: [FlowEnvelope]) -> [Int64] {
        envelopes.map { Int64($0.flow.time.seconds - 1_700_000_000) * 1_000_000_000 + Int64($0.flow.time.nanos) }
    }

    /// Every source's records, pushed concurrently at uneven paces, come out in time order.
    @Test func sortedStreamsMergeExactly() async throws {
        let merger = FlowMerger(sources: 3, options: FlowMerger.Options(capacity: 8, drain: nil))
        var expected: [Int64] = []
        let streams: [[Int64]] = (0..<3).map { source in
            var time: Int64 = 0
            return (0..<200).map { step in
                time += Int64((step * 7 + source * 13) % 11 + 1) * 1000
                return time
            }
        }
        for stream in streams { expected += stream }
        for index in 0..<3 { merger.setActive(index, true) }
        let producers = Task {
            await withTaskGroup(of: Void.self) { group in
                for (index, stream) in streams.enumerated() {
                    group.addTask {
                        for (step, time) in stream.enumerated() {
                            if step % (index + 3) == 0 { await Task.yield() }
                            await merger.push(Self.flow(time, node: "n\(index)"), from: index)
                        }
                        merger.setActive(index, false)
                    }
                }
            }
            merger.close()
        }
        var merged: [FlowEnvelope] = []
        while let batch = await merger.next() { merged += batch }
        await producers.value
        #expect(merged.count == 600)
        #expect(Self.times(merged) == expected.sorted())
    }

    /// A source whose queue is full waits for the reader: it never runs ahead by more than the capacity.
    @Test func aFullQueueMakesItsSourceWait() async throws {
        let merger = FlowMerger(sources: 2, options: FlowMerger.Options(capacity: 4, drain: nil))
        merger.setActive(0, true)
        merger.setActive(1, true)
        let pushed = Counter()
        let fast = Task {
            for step in 0..<100 {
                await merger.push(Self.flow(Int64(step), node: "fast"), from: 0)
                pushed.add()
            }
        }
        // Nothing is read (the other source has sent nothing): the fast one stops at its capacity.
        let deadline = ContinuousClock.now + .seconds(60)
        while pushed.value < 3 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        try await Task.sleep(for: .milliseconds(200))
        #expect(pushed.value == 3)
        merger.setActive(1, false)
        var read = 0
        while read < 100, let batch = await merger.next() { read += batch.count }
        await fast.value
        #expect(read == 100)
    }

    /// While following, a quiet source holds the others back for the drain delay, not for ever.
    @Test func aQuietSourceDelaysTheOthersOnlyForTheDrainDelay() async throws {
        let merger = FlowMerger(sources: 2, options: FlowMerger.Options(capacity: 64, drain: .milliseconds(50)))
        merger.setActive(0, true)
        merger.setActive(1, true)
        await merger.push(Self.flow(1, node: "busy"), from: 0)
        let start = ContinuousClock.now
        let batch = await merger.next()
        let waited = ContinuousClock.now - start
        #expect(batch.map(Self.times) == [1])
        #expect(waited >= .milliseconds(40))
        // An upper bound only against waiting for ever: a busy test run may resume this task late.
        #expect(waited < .seconds(120))
    }

    /// Closing hands out what is queued, then the end.
    @Test func closingFlushesTheQueues() async {
        let merger = FlowMerger(sources: 2, options: FlowMerger.Options(capacity: 16, drain: nil))
        merger.setActive(0, true)
        merger.setActive(1, true)
        await merger.push(Self.flow(5, node: "a"), from: 0)
        await merger.push(Self.flow(3, node: "a"), from: 0)
        merger.close()
        var merged: [FlowEnvelope] = []
        while let batch = await merger.next() { merged += batch }
        // Each source's own order is kept (a source is never reordered against itself).
        #expect(Self.times(merged) == [5, 3])
    }

    /// Records without a time (node status) stay where their source put them.
    @Test func recordsWithoutATimeFollowTheirSource() async {
        let merger = FlowMerger(sources: 2, options: FlowMerger.Options(capacity: 16, drain: nil))
        await merger.push(Self.flow(10, node: "a"), from: 0)
        var status = FlowEnvelope()
        status.nodeStatus.stateChange = .nodeConnected
        await merger.push(status, from: 0)
        await merger.push(Self.flow(20, node: "a"), from: 0)
        await merger.push(Self.flow(15, node: "b"), from: 1)
        merger.close()
        var merged: [FlowEnvelope] = []
        while let batch = await merger.next() { merged += batch }
        #expect(merged.map { if case .nodeStatus? = $0.responseTypes { "status" } else { $0.flow.nodeName } } == ["a", "status", "b", "a"])
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
