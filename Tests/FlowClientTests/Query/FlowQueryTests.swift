import FilterLanguage
import FlowClient
import FlowModel
import HubbleAPI
import SwiftProtobuf
import Testing

/// The one place where flags, expression, selection, masks and records without a flow are combined.
@Suite struct FlowQueryTests {
    static func flow(namespace: String, verdict: Flow_Verdict, port: UInt32 = 80) -> FlowEnvelope {
        var flow = Flow()
        flow.source.namespace = namespace
        flow.source.podName = "curl"
        flow.verdict = verdict
        flow.l4.tcp.destinationPort = port
        return FlowEnvelope(flow: flow)
    }

    static var lostEvents: FlowEnvelope {
        var envelope = FlowEnvelope()
        envelope.lostEvents.numEventsLost = 3
        return envelope
    }

    static func flags(_ flags: [(String, String)]) throws -> FlowFilterSet {
        let lists = try HubbleFilterBuilder.build(flags.map { (name: $0.0, value: $0.1) })
        return try FlowFilterSet(allow: lists.allow, deny: lists.deny)
    }

    static func expression(_ text: String) throws -> FilterExpression {
        try FilterExpression(text, now: Google_Protobuf_Timestamp())
    }

    @Test func withoutFiltersEverythingPassesAndTheServerMasks() throws {
        let mask = try FlowFieldMask(paths: ["time", "verdict"])
        let query = FlowQuery(displayMask: mask)
        #expect(query.fileTest == nil)
        #expect(query.accepts(Self.lostEvents))
        let plan = query.serverPlan
        #expect(plan.test == nil && plan.displayMask == nil)
        #expect(plan.request.message.fieldMask.paths == ["time", "verdict"])
    }

    @Test func flagsAndTheExpressionMustBothHold() throws {
        let query = FlowQuery(flags: try Self.flags([("verdict", "DROPPED")]), expression: try Self.expression("src.ns == galaxy"))
        #expect(query.accepts(Self.flow(namespace: "galaxy", verdict: .dropped)))
        #expect(!query.accepts(Self.flow(namespace: "galaxy", verdict: .forwarded)))
        #expect(!query.accepts(Self.flow(namespace: "universe", verdict: .dropped)))
    }

    /// The reference reading a file: a record without a flow fails an allow list (and an
    /// expression), while a deny list alone lets it through.
    @Test func recordsWithoutAFlowFromAFile() throws {
        #expect(!FlowQuery(flags: try Self.flags([("verdict", "DROPPED")])).accepts(Self.lostEvents))
        #expect(FlowQuery(flags: try Self.flags([("not", ""), ("verdict", "DROPPED")])).accepts(Self.lostEvents))
        #expect(!FlowQuery(expression: try Self.expression("verdict == DROPPED")).accepts(Self.lostEvents))
    }

    /// A server never filters lost events or node status; loupe's own check passes them too.
    @Test func recordsWithoutAFlowFromAServerPass() throws {
        let query = FlowQuery(flags: try Self.flags([("verdict", "DROPPED")]), expression: try Self.expression("port == 80"))
        #expect(query.serverPlan.prepare(Self.lostEvents) != nil)
    }

    @Test func filteredServerReadsAskForWholeFlowsAndMaskThemHere() throws {
        let mask = try FlowFieldMask(paths: ["verdict"])
        let query = FlowQuery(flags: try Self.flags([("verdict", "DROPPED")]), displayMask: mask)
        let plan = query.serverPlan
        #expect(!plan.request.message.hasFieldMask)
        #expect(plan.request.allow.count == 1)
        let shown = try #require(plan.prepare(Self.flow(namespace: "galaxy", verdict: .dropped)))
        #expect(shown.flow.verdict == .dropped && shown.flow.source.namespace.isEmpty)
        #expect(plan.prepare(Self.flow(namespace: "galaxy", verdict: .forwarded)) == nil)
    }

    /// What the server cannot decide exactly is decided here, and history is then counted here.
    @Test func anInexactPushDownCountsLocally() throws {
        let query = FlowQuery(expression: try Self.expression("src.ns != dst.ns"), selection: FlowSelection(count: .last(5)), countGiven: true)
        let plan = query.serverPlan
        #expect(plan.request.countLocally)
        #expect(plan.request.message.number == 0)
        #expect(plan.localCount == .last(5))
        let exact = FlowQuery(flags: try Self.flags([("verdict", "DROPPED")]), selection: FlowSelection(count: .last(5)), countGiven: true)
        #expect(!exact.serverPlan.request.countLocally && exact.serverPlan.request.message.number == 5)
    }
}
