import AgentServer
import FlowModel
import HubbleAPI
import SwiftProtobuf
import Testing

/// GetFlows over a ring, rule by rule (`protocol.md` §7).
@Suite struct GetFlowsQueryTests {
    /// Flows at seconds 1…10; even seconds DROPPED, odd FORWARDED; a lost event after the fifth.
    static func ring(capacity: Int = 16) -> FlowRing {
        var ring = FlowRing(capacity: capacity)
        for second: Int64 in 1...10 {
            var flow = Flow()
            flow.time = timestamp(second)
            flow.verdict = second % 2 == 0 ? .dropped : .forwarded
            flow.nodeName = "kind-kind/kind-worker"
            ring.append(.flow(flow))
            if second == 5 {
                var lost = Flow_LostEvent()
                lost.source = .hubbleRingBuffer
                lost.numEventsLost = 3
                ring.append(.lost(lost, time: timestamp(5)))
            }
        }
        return ring
    }

    static func timestamp(_ seconds: Int64) -> Google_Protobuf_Timestamp {
        var t = Google_Protobuf_Timestamp()
        t.seconds = 1_700_000_000 + seconds
        return t
    }

    /// The seconds of the flows answered, `L` for a lost event.
    static func answer(_ configure: (inout Observer_GetFlowsRequest) -> Void, ring: FlowRing = ring()) throws -> [String] {
        var request = Observer_GetFlowsRequest()
        configure(&request)
        var query = try GetFlowsQuery(request)
        return query.history(in: ring, nodeName: "kind-kind/kind-worker").map { envelope in
            if case .lostEvents? = envelope.responseTypes { return "L" }
            return String(envelope.flow.time.seconds - 1_700_000_000)
        }
    }

    @Test func anEmptyRequestGetsTheWholeRingOldestFirst() throws {
        #expect(try Self.answer { _ in } == ["1", "2", "3", "4", "5", "L", "6", "7", "8", "9", "10"])
    }

    @Test func numberGetsTheLastMatchingFlows() throws {
        #expect(try Self.answer { $0.number = 3 } == ["8", "9", "10"])
        // Lost events are sent but not counted, and are not walked back over as flows.
        #expect(try Self.answer { $0.number = 6 } == ["5", "L", "6", "7", "8", "9", "10"])
    }

    @Test func firstGetsTheFirstMatchingFlowsAndNoTrailingLostEvent() throws {
        #expect(try Self.answer { $0.first = true; $0.number = 5 } == ["1", "2", "3", "4", "5"])
    }

    @Test func sinceWithNumberGetsTheFirstFlowsAfterIt() throws {
        // The walk back stops at the first matching flow older than since (5) and starts right after
        // it, so the lost event that follows it is sent too.
        #expect(try Self.answer { $0.number = 2; $0.since = Self.timestamp(6) } == ["L", "6", "7"])
        #expect(try Self.answer { $0.number = 2; $0.since = Self.timestamp(7) } == ["7", "8"])
        // first and since: since wins.
        #expect(try Self.answer { $0.first = true; $0.since = Self.timestamp(9) } == ["9", "10"])
    }

    @Test func untilEndsTheStreamAtTheFirstLaterFlow() throws {
        #expect(try Self.answer { $0.until = Self.timestamp(3) } == ["1", "2", "3"])
    }

    @Test func filtersSelectFlowsButNeverLostEvents() throws {
        var dropped = Flow_FlowFilter()
        dropped.verdict = [.dropped]
        #expect(try Self.answer { $0.whitelist = [dropped] } == ["2", "4", "L", "6", "8", "10"])
        #expect(try Self.answer { $0.whitelist = [dropped]; $0.number = 2 } == ["8", "10"])
        #expect(try Self.answer { $0.blacklist = [dropped]; $0.number = 2 } == ["7", "9"])
    }

    @Test func followWithoutNumberStartsAfterTheNewest() throws {
        var request = Observer_GetFlowsRequest()
        request.follow = true
        let ring = Self.ring()
        #expect(try GetFlowsQuery(request).start(in: ring) == ring.written)
        request.number = 2
        #expect(try GetFlowsQuery(request).start(in: ring) == ring.written - 2)
    }

    @Test func anOverwrittenRingStartsAtTheOldestEntryHeld() throws {
        let small = Self.ring(capacity: 4)
        #expect(small.count == 4)
        #expect(try Self.answer({ _ in }, ring: small) == ["7", "8", "9", "10"])
        #expect(try Self.answer({ $0.number = 20 }, ring: small) == ["7", "8", "9", "10"])
    }

    @Test func invalidRequestsFailWithTheReferenceStatus() {
        var both = Observer_GetFlowsRequest()
        both.first = true
        both.follow = true
        #expect(throws: GetFlowsQuery.Failure(code: .invalidArgument, message: "first cannot be specified with follow")) {
            try GetFlowsQuery(both)
        }
        var badPort = Observer_GetFlowsRequest()
        var filter = Flow_FlowFilter()
        filter.sourcePort = ["x"]
        badPort.whitelist = [filter]
        #expect(throws: GetFlowsQuery.Failure(
            code: .unknown,
            message: #"invalid source port filter: invalid port "x": strconv.ParseUint: parsing "x": invalid syntax"#)) {
            try GetFlowsQuery(badPort)
        }
    }

    @Test func envelopesCarryTheFlowsTimeAndNode() throws {
        var query = try GetFlowsQuery(Observer_GetFlowsRequest())
        let responses = query.history(in: Self.ring(), nodeName: "kind-kind/kind-worker")
        #expect(responses[0].nodeName == "kind-kind/kind-worker")
        #expect(responses[0].time == Self.timestamp(1))
        #expect(responses[5].lostEvents.numEventsLost == 3)
        #expect(responses[5].nodeName == "kind-kind/kind-worker")
    }
}

/// One client's filters are bounded: 100,000 pod names are refused before anything is compiled.
@Suite struct GetFlowsQueryLimitTests {
    @Test func filtersBeyondTheLimitAreAnInvalidArgument() {
        var request = Observer_GetFlowsRequest()
        var filter = Flow_FlowFilter()
        filter.sourcePod = (0..<100_000).map { "ns/pod-\($0)" }
        request.whitelist = [filter]
        do {
            _ = try GetFlowsQuery(request)
            Issue.record("accepted")
        } catch {
            #expect(error.code == .invalidArgument)
            #expect(error.message.hasPrefix("the request's filters take "))
        }
        filter.sourcePod = (0..<1_000).map { "ns/pod-\($0)" }
        request.whitelist = [filter]
        #expect((try? GetFlowsQuery(request)) != nil)
    }
}
