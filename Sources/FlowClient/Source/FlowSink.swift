import FlowModel
import HubbleAPI

/// Where a source delivers the records a query selects: prepared in batches on worker tasks (as
/// `preparation` asks), then handed over in order on the task that reads the source.
public protocol FlowSink {
    /// What the selected records become on the workers.
    var preparation: RecordPreparation { get }
    /// Takes records `range` of a batch, in order. Throwing ends the read with that error.
    mutating func deliver(_ records: PreparedRecords, range: Range<Int>) throws
    /// Everything read so far is delivered and the source has nothing more yet (a quiet pipe or
    /// server): the moment to flush output.
    mutating func idle() throws
    /// A line that could not be read (it is skipped), or the one warning about fields the model
    /// does not know (they are dropped).
    mutating func report(_ problem: InputProblem)
}

extension FlowSink {
    public mutating func idle() throws {}
    public mutating func report(_ problem: InputProblem) {}
}

/// What the selected records of a batch become on a worker task.
public enum RecordPreparation: Sendable {
    /// The envelopes themselves.
    case envelopes
    /// The envelopes, with the members `skipping` names left unset (a decoder may leave them
    /// undecoded): for sinks that read only part of each flow. With `firstSight`, a flow whose
    /// source or destination identity the worker meets for the first time is decoded leaving only
    /// those members unset.
    case partialEnvelopes(skipping: JSONSkipSet, firstSight: JSONSkipSet? = nil)
    /// Their output: `makeRenderer` is called once per batch, on the worker, and appends each
    /// record's output. `skipping` names members that neither the filters nor the renderer read,
    /// which a decoder may leave undecoded.
    case rendered(makeRenderer: @Sendable () -> (FlowEnvelope, inout OutputBuffers) -> Void, skipping: JSONSkipSet?)

    /// Members a decoder may leave undecoded.
    var skipping: JSONSkipSet? {
        switch self {
        case .envelopes: nil
        case .partialEnvelopes(let skipping, _): skipping
        case .rendered(_, let skipping): skipping
        }
    }

    /// Members a decoder may leave undecoded in a flow whose source or destination identity a worker
    /// has not delivered yet (`partialEnvelopes(skipping:firstSight:)`): what is the same for every
    /// flow of an identity, its labels, is then decoded once, not for every flow.
    var skippingAtFirstSight: JSONSkipSet? {
        if case .partialEnvelopes(_, let firstSight?) = self { return firstSight }
        return nil
    }
}

/// A sink that takes envelopes one at a time.
public struct EnvelopeSink: FlowSink {
    public var preparation: RecordPreparation { .envelopes }
    private let take: (FlowEnvelope) throws -> Void
    private let problem: (InputProblem) -> Void

    /// - Parameters:
    ///   - report: lines that could not be read, and the warning about unknown fields.
    ///   - take: each selected record, in order.
    public init(report: @escaping (InputProblem) -> Void = { _ in }, take: @escaping (FlowEnvelope) throws -> Void) {
        self.take = take
        problem = report
    }

    public mutating func deliver(_ records: PreparedRecords, range: Range<Int>) throws {
        for envelope in records.envelopes[range] { try take(envelope) }
    }

    public mutating func report(_ problem: InputProblem) { self.problem(problem) }
}
