import FlowClient
import FlowModel
import FlowOutput
import HubbleAPI

/// Prints a capture's records in one of hubble's formats: rendered on the reader's workers for the
/// formats that print a record at a time, formatted here for the table (which sizes its columns
/// from every row). Unreadable lines are reported on standard error as they come.
struct TextSink: FlowSink {
    let preparation: RecordPreparation
    private var output: OutputSink
    private var formatter: (any FlowFormatter)?
    private let context: CommandContext

    init(format: OutputFormat, options: FormatOptions, skipping: JSONSkipSet?, context: CommandContext) {
        self.context = context
        output = context.sink()
        if let renderer = makeRecordRenderer(format, options: options) {
            preparation = .rendered(makeRenderer: renderer, skipping: skipping)
            formatter = nil
        } else {
            preparation = .envelopes
            formatter = makeFormatter(format, options: options)
        }
    }

    mutating func deliver(_ records: PreparedRecords, range: Range<Int>) throws {
        guard var formatter else {
            try records.withOutput(of: range) { try output.write($0) }
            return
        }
        for envelope in records.envelopes[range] { formatter.write(envelope, to: &output.buffers) }
        self.formatter = formatter
        try output.drain()
    }

    mutating func idle() throws { try output.flush() }

    mutating func report(_ problem: InputProblem) {
        // What was printed before the line comes first.
        try? output.flush()
        context.printError(problem.description)
    }

    /// Writes what the formatter held back (the table) and everything buffered.
    mutating func finish() throws {
        formatter?.finish(to: &output.buffers)
        try output.flush()
    }
}
