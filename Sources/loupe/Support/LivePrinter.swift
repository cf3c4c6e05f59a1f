import FlowModel
import FlowOutput
import Synchronization

/// Prints a stream as it arrives: records are formatted into a buffer that is written when it
/// fills, and, while following, at most `latency` after a record arrived, so a quiet stream still
/// shows its last lines at once without a write per record on a busy one.
final class LivePrinter: Sendable {
    private struct State {
        var sink = OutputSink()
        var formatter: any FlowFormatter
        /// Formats loupe's own connection reports, which show whatever the node-status options say.
        var reporter: any FlowFormatter
        var failure: (any Error)?
    }

    private let state: Mutex<State>

    init(formatter: sending any FlowFormatter, reporter: sending any FlowFormatter) {
        state = Mutex(State(formatter: formatter, reporter: reporter))
    }

    /// Writes one of loupe's own node-status records (a server lost or back) at once.
    func report(_ envelope: FlowEnvelope) {
        state.withLock { state in
            guard state.failure == nil else { return }
            state.reporter.write(envelope, to: &state.sink.buffers)
            do { try state.sink.flush() } catch { state.failure = error }
        }
    }

    /// Formats a batch of records; throws when the output cannot be written (or was closed).
    func write(_ batch: [FlowEnvelope]) throws {
        try state.withLock { state in
            if let failure = state.failure { throw failure }
            for envelope in batch { state.formatter.write(envelope, to: &state.sink.buffers) }
            try state.sink.drain()
        }
    }

    /// Writes what is buffered. A failure is kept and thrown by the next `write`.
    func flush() {
        state.withLock { state in
            guard state.failure == nil else { return }
            do { try state.sink.flush() } catch { state.failure = error }
        }
    }

    /// Writes what the formatter held back (the table) and everything buffered.
    func finish() throws {
        try state.withLock { state in
            if let failure = state.failure { throw failure }
            state.formatter.finish(to: &state.sink.buffers)
            try state.sink.flush()
        }
    }

    /// Flushes every `interval` until the task is cancelled.
    func flushPeriodically(every interval: Duration) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            flush()
        }
    }
}
