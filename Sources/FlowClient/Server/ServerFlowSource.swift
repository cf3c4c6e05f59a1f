import FlowModel
import HubbleAPI

/// Flows from one or several servers (or the demo agent), read at once and merged in time order;
/// while following, a server that goes away is retried and resumed (`FanIn`).
public struct ServerFlowSource: FlowSource {
    public var sources: [FanIn.Source]
    public var merge: FlowMerger.Options
    public var retry: RetryPolicy
    /// Connections lost and back, for the reader to tell.
    public var events: @Sendable (FanIn.Event) -> Void

    public init(
        sources: [FanIn.Source], merge: FlowMerger.Options = FlowMerger.Options(), retry: RetryPolicy = RetryPolicy(),
        events: @escaping @Sendable (FanIn.Event) -> Void = { _ in }
    ) {
        self.sources = sources
        self.merge = merge
        self.retry = retry
        self.events = events
    }

    /// Asks every server for the query (`FlowQuery.serverPlan`: what they can decide is pushed to
    /// them, the rest is checked here, per server, with the count) and hands `sink` the records in
    /// time order. Records are prepared for the sink as they come off the merge.
    public func read<Sink: FlowSink>(_ query: FlowQuery, into sink: inout Sink) async throws -> FanIn.Outcome {
        let plan = query.serverPlan
        let fanIn = FanIn(
            sources: sources, request: plan.request.message, count: plan.localCount, merge: merge, retry: retry,
            prepare: plan.prepare)
        let preparation = sink.preparation
        return try await fanIn.run(
            deliver: { batch in
                let records = PreparedRecords(batch, as: preparation)
                try sink.deliver(records, range: 0..<records.count)
            },
            idle: { try sink.idle() }, report: events)
    }
}
