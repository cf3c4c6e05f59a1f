import FlowClient
import FlowModel
import FlowOutput
import HubbleAPI
import Synchronization

/// Prints a stream as it arrives: records are formatted into a buffer that is written when it fills
/// and, while following, every 50 ms, so a quiet stream shows its last lines at once without a write
/// per record on a busy one. loupe's own reports about its servers, which come from the
/// servers' readers, are written at once between batches.
package final class LivePrinter: Sendable {
    private struct State {
        package var sink = OutputSink()
        package var formatter: any FlowFormatter
        /// Formats loupe's own connection reports, which show whatever the node-status options say.
        package var reporter: any FlowFormatter
        package var failure: (any Error)?
    }

    private let state: Mutex<State>

    package init(formatter: sending any FlowFormatter, reporter: sending any FlowFormatter, output: OutputDestination = .standard) {
        state = Mutex(State(sink: OutputSink(output), formatter: formatter, reporter: reporter))
    }

    /// Writes one of loupe's own node-status records (a server lost or back) at once.
    package func report(_ envelope: FlowEnvelope) {
        state.withLock { state in
            guard state.failure == nil else { return }
            state.reporter.write(envelope, to: &state.sink.buffers)
            do { try state.sink.flush() } catch { state.failure = error }
        }
    }

    /// Formats a batch of records; throws when the output cannot be written (or was closed).
    package func write(_ batch: some Collection<FlowEnvelope>) throws {
        try state.withLock { state in
            if let failure = state.failure { throw failure }
            for envelope in batch { state.formatter.write(envelope, to: &state.sink.buffers) }
            try state.sink.drain()
        }
    }

    /// Writes what is buffered. A failure is kept and thrown by the next `write`.
    package func flush() {
        state.withLock { state in
            guard state.failure == nil else { return }
            do { try state.sink.flush() } catch { state.failure = error }
        }
    }

    /// Flushes every `interval` until the task is cancelled.
    package func flushPeriodically(every interval: Duration) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            flush()
        }
    }

    /// Writes what the formatter held back (the table) and everything buffered.
    package func finish() throws {
        try state.withLock { state in
            if let failure = state.failure { throw failure }
            state.formatter.finish(to: &state.sink.buffers)
            try state.sink.flush()
        }
    }
}

/// Hands a server's records to a `LivePrinter`. It does not flush when the merge waits (that
/// happens after nearly every batch of a fast single stream, a write each): while following, the
/// printer is flushed every 50 ms instead (`ObserveRun.printServers`).
struct LiveSink: FlowSink {
    let printer: LivePrinter
    var preparation: RecordPreparation { .envelopes }

    mutating func deliver(_ records: PreparedRecords, range: Range<Int>) throws {
        try printer.write(records.envelopes[range])
    }
}
