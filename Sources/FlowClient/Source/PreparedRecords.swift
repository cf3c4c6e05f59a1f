import FlowModel
import HubbleAPI

/// The selected records of one batch as a sink's `preparation` asked: envelopes, or their output
/// back to back with where each record's output ends.
public struct PreparedRecords: Sendable {
    public private(set) var envelopes: [FlowEnvelope] = []
    public private(set) var output = OutputBuffers()
    private var stdoutEnds: [Int] = []
    private var stderrEnds: [Int] = []
    public private(set) var count = 0

    public init() {}

    /// The records of `batch`, prepared as `preparation` says.
    public init(_ batch: some Sequence<FlowEnvelope>, as preparation: RecordPreparation) {
        var builder = Builder(preparation)
        for envelope in batch { builder.append(envelope) }
        self = builder.records
    }

    /// The output of records `range`, lent for the call.
    public func withOutput<Result>(of range: Range<Int>, _ body: (OutputSlices) throws -> Result) rethrows -> Result {
        func span(_ ends: [Int]) -> Range<Int> {
            guard !range.isEmpty else { return 0..<0 }
            return (range.lowerBound == 0 ? 0 : ends[range.lowerBound - 1])..<ends[range.upperBound - 1]
        }
        let (stdoutSpan, stderrSpan) = (span(stdoutEnds), span(stderrEnds))
        return try output.stdout.withUnsafeBytes { stdout in
            try output.stderr.withUnsafeBytes { stderr in
                try body(OutputSlices(
                    stdout: UnsafeRawBufferPointer(rebasing: stdout[stdoutSpan]),
                    stderr: UnsafeRawBufferPointer(rebasing: stderr[stderrSpan])))
            }
        }
    }

    /// Fills one batch's records on a worker.
    struct Builder {
        private(set) var records = PreparedRecords()
        private let render: ((FlowEnvelope, inout OutputBuffers) -> Void)?

        init(_ preparation: RecordPreparation, reserving bytes: Int = 0) {
            switch preparation {
            case .envelopes, .partialEnvelopes:
                render = nil
            case .rendered(let makeRenderer, _):
                render = makeRenderer()
                records.output.stdout.reserveCapacity(bytes)
            }
        }

        mutating func append(_ envelope: FlowEnvelope) {
            records.count += 1
            guard let render else {
                records.envelopes.append(envelope)
                return
            }
            render(envelope, &records.output)
            records.stdoutEnds.append(records.output.stdout.count)
            records.stderrEnds.append(records.output.stderr.count)
        }
    }
}
