import FlowModel
import HubbleAPI
import NIOCore
import Testing

@testable import AgentServer

/// The ring keeps each flow's encoding for one field mask as a part of the arena it was encoded in,
/// forgets it when the slot is reused, and hands runs encoded together out as one view.
@Suite struct FlowRingEncodingTests {
    static func flow(_ port: UInt32) -> RingEvent {
        var flow = Flow()
        flow.l4.tcp.destinationPort = port
        return .flow(flow)
    }

    /// An arena of `count` messages of `size` bytes each, byte values from `first` on.
    static func arena(key: String, sizes: [Int], first: UInt8 = 1) -> (EncodingArena, [(offset: Int, length: Int)]) {
        var bytes = ByteBufferAllocator().buffer(capacity: 64)
        var parts: [(Int, Int)] = []
        for (index, size) in sizes.enumerated() {
            parts.append((bytes.readableBytes, size))
            bytes.writeBytes(Array(repeating: first + UInt8(index), count: size))
        }
        return (EncodingArena(key: key, bytes: bytes), parts)
    }

    static func bytes(_ buffer: ByteBuffer?) -> [UInt8]? { buffer.map { Array($0.readableBytesView) } }

    @Test func anEncodingIsKeptPerMaskAndForgottenWhenOverwritten() {
        var ring = FlowRing(capacity: 2)
        ring.append(Self.flow(1))
        ring.append(Self.flow(2))
        let (arena, parts) = Self.arena(key: "time,verdict", sizes: [3])
        ring.keep(arena, parts: [.init(position: 0, offset: parts[0].offset, length: parts[0].length)])
        #expect(Self.bytes(ring.encoding(at: 0, key: "time,verdict")) == [1, 1, 1])
        #expect(ring.encoding(at: 0, key: "") == nil, "another mask writes other bytes")
        #expect(ring.encoding(at: 1, key: "time,verdict") == nil)
        ring.append(Self.flow(3))  // overwrites position 0
        #expect(ring.encoding(at: 0, key: "time,verdict") == nil)
        #expect(ring.encoding(at: 2, key: "time,verdict") == nil, "the new flow in the slot has no encoding")
        let (other, _) = Self.arena(key: "x", sizes: [1])
        ring.keep(other, parts: [.init(position: 0, offset: 0, length: 1)])  // gone: ignored
        #expect(ring.encoding(at: 2, key: "x") == nil)
    }

    @Test func runsEncodedTogetherComeOutAsOneViewEach() {
        var ring = FlowRing(capacity: 8)
        for port in 1...6 { ring.append(Self.flow(UInt32(port))) }
        // Positions 0-2 encoded together, 3-4 in another arena, 5 not at all.
        let (first, firstParts) = Self.arena(key: "k", sizes: [2, 3, 1], first: 1)
        let (second, secondParts) = Self.arena(key: "k", sizes: [4, 2], first: 7)
        ring.keep(first, parts: firstParts.enumerated().map { .init(position: UInt64($0.offset), offset: $0.element.offset, length: $0.element.length) })
        ring.keep(second, parts: secondParts.enumerated().map { .init(position: UInt64(3 + $0.offset), offset: $0.element.offset, length: $0.element.length) })

        let (runs, next) = ring.keptRuns(from: 0, to: .max, limit: 100, key: "k")
        #expect(runs.map { Array($0.readableBytesView) } == [[1, 1, 2, 2, 2, 3], [7, 7, 7, 7, 8, 8]])
        #expect(next == 5, "stops at the flow without an encoding")

        let (limited, limitedNext) = ring.keptRuns(from: 1, to: .max, limit: 3, key: "k")
        #expect(limited.map { Array($0.readableBytesView) } == [[2, 2, 2, 3], [7, 7, 7, 7]])
        #expect(limitedNext == 4)
        #expect(ring.keptRuns(from: 0, to: 2, limit: 100, key: "k").next == 2, "stops at the end asked for")
        #expect(ring.keptRuns(from: 0, to: .max, limit: 100, key: "other").runs.isEmpty)

        // A flow encoded again elsewhere splits its arena's run.
        let (third, _) = Self.arena(key: "k", sizes: [5], first: 20)
        ring.keep(third, parts: [.init(position: 1, offset: 0, length: 5)])
        #expect(ring.keptRuns(from: 0, to: 3, limit: 100, key: "k").runs.map { Array($0.readableBytesView) } == [[1, 1], [20, 20, 20, 20, 20], [3]])
    }
}
