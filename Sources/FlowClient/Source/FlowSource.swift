/// Where flows come from: a capture (a file or standard input), one or several servers, or the
/// demo agent. A source reads the records a query selects and hands them to a sink in order, in
/// batches; what it tells at the end is its `Summary`.
public protocol FlowSource: Sendable {
    associatedtype Summary: Sendable
    /// Reads until the query's selection is complete (or, following, until the task is cancelled).
    func read<Sink: FlowSink>(_ query: FlowQuery, into sink: inout Sink) async throws -> Summary
}
