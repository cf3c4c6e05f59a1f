import FilterLanguage
import FlowModel
import HubbleAPI
import LoupeTestSupport
import Testing

/// The filter flags' lists and an expression's plan, joined for one request, never reject a flow
/// that both accept; disjoint fields join exactly.
@Suite struct FlowFilterConjunctionTests {
    @Test func disjointFieldsJoinExactly() throws {
        let flags = try HubbleFilterBuilder.build([(name: "namespace", value: "echo")])
        let plan = try FilterExpression("verdict == DROPPED and not tcp.ack", now: FixtureFlows.now).plan
        let joined = FlowFilterConjunction(flags, (plan.allow, plan.deny))
        #expect(joined.isExact)
        #expect(joined.allow.map { $0.hubbleJSONString() } == [
            #"{"source_pod":["echo/"],"verdict":["DROPPED"]}"#, #"{"destination_pod":["echo/"],"verdict":["DROPPED"]}"#,
        ])
        #expect(joined.deny.map { $0.hubbleJSONString() } == [#"{"tcp_flags":[{"ACK":true}]}"#])
    }

    @Test func sharedFieldsArePooledAsASuperset() throws {
        let flags = try HubbleFilterBuilder.build([(name: "verdict", value: "FORWARDED")])
        let plan = try FilterExpression("verdict == DROPPED", now: FixtureFlows.now).plan
        let joined = FlowFilterConjunction(flags, (plan.allow, plan.deny))
        #expect(!joined.isExact)
        #expect(joined.allow.map { $0.hubbleJSONString() } == [#"{"verdict":["FORWARDED","DROPPED"]}"#])
    }

    @Test(arguments: 0..<4)
    func joinedListsNeverDropAFlowBothAccept(batch: Int) throws {
        var random = SeededRandom(seed: UInt64(500 + batch))
        for _ in 0..<40 {
            let first = try FilterExpression(MatcherPropertyTests.expression(&random, depth: 2), now: FixtureFlows.now)
            let second = try FilterExpression(MatcherPropertyTests.expression(&random, depth: 2), now: FixtureFlows.now)
            let (p, q) = (first.plan, second.plan)
            let joined = FlowFilterConjunction((p.allow, p.deny), (q.allow, q.deny))
            let server = try FlowFilterSet(allow: joined.allow, deny: joined.deny)
            let both = try (FlowFilterSet(allow: p.allow, deny: p.deny), FlowFilterSet(allow: q.allow, deny: q.deny))
            for flow in MatcherPropertyTests.flows where first.matches(flow) && second.matches(flow) {
                #expect(server.matches(flow), "\(first.source.text) | \(second.source.text)")
            }
            if joined.isExact {
                for flow in MatcherPropertyTests.flows {
                    #expect(server.matches(flow) == (both.0.matches(flow) && both.1.matches(flow)))
                }
            }
        }
    }
}
