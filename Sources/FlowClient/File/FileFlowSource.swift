#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FlowModel
import HubbleAPI

/// Flows from a capture: hubble JSON lines in a file or on standard input (`-`), in file order, selected
/// as the reference CLI selects them for `--input-file` (time window on the envelope time, then the
/// filter, then the count).
///
/// Lines are decoded, filtered and prepared (rendered, typically) in batches on all cores; records are
/// delivered in file order on the reading task. Memory stays bounded by the batches in flight.
public struct FileFlowSource: FlowSource {
    public let path: String
    public var displayName: String { path == "-" ? "<stdin>" : path }
    /// How many batches of lines may be read ahead of the one being delivered. Enough to keep every
    /// core busy while the calling task reads and writes; each batch is at most 96 KiB of input.
    public var maxBatchesInFlight: Int
    /// Longer lines are skipped and reported as bad lines (`LineReader`).
    public var maximumLineLength: Int

    public init(
        path: String, maxBatchesInFlight: Int = FileFlowSource.defaultBatchesInFlight,
        maximumLineLength: Int = LineReader.defaultMaximumLineLength
    ) {
        self.path = path
        self.maxBatchesInFlight = max(1, maxBatchesInFlight)
        self.maximumLineLength = maximumLineLength
    }

    /// Four batches per core.
    public static var defaultBatchesInFlight: Int { 4 * max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// What a read saw.
    public struct Summary: Sendable {
        public var linesRead = 0
        public var badLines = 0
        public var delivered = 0
        /// Records without a flow (lost events, node status) that the filters dropped.
        public var nonFlowsDropped = 0
        /// Empty lines (or only white space), skipped; they are not bad lines.
        public var blankLines = 0
    }

    /// Reads the input and hands `sink` the records `query` selects, in file order, as the reference
    /// CLI selects them for `--input-file`: the time window on the envelope time, then the filters
    /// (`FlowQuery.fileTest`), then the count. Lines are decoded, filtered and prepared in batches on
    /// all cores; `--last` keeps the raw lines of the last records and prepares them at the end.
    @discardableResult
    public func read<Sink: FlowSink>(_ query: FlowQuery, into sink: inout Sink) async throws -> Summary {
        let selection = query.selection
        var state = DeliveryState(selection: selection, source: displayName)
        let stage = BatchStage(selection: selection, test: query.fileTest, preparation: sink.preparation)
        try await pump({ stage.process($0) }, idle: { try sink.idle() }) { batch in
            try state.deliver(batch, into: &sink)
        }
        let held = state.held.inOrder()
        guard !held.isEmpty else { return state.summary }
        let decoder = FlowLineDecoder(reusingStrings: true, skipping: sink.preparation.skippingAtFirstSight ?? sink.preparation.skipping)
        let envelopes = try held.map { line in try line.withUnsafeBytes { try decoder.decode($0).envelope } }
        let records = PreparedRecords(envelopes, as: sink.preparation)
        state.summary.delivered += records.count
        try sink.deliver(records, range: 0..<records.count)
        return state.summary
    }

    /// Reads batches, processes them on worker tasks (`maxBatchesInFlight` at a time) and consumes the
    /// results in input order on the calling task until `consume` returns false.
    private func pump<Output: Sendable>(
        _ process: @escaping @Sendable (LineBatch) -> Output,
        idle: () throws -> Void,
        consume: (Output) throws -> Bool
    ) async throws {
        let fd: Int32
        if path == "-" {
            fd = 0
        } else {
            fd = open(path, O_RDONLY)
            if fd < 0 { throw FlowInputError.openFailed(path: path, reason: String(cString: strerror(errno))) }
        }
        defer { if fd != 0 { close(fd) } }

        var reader = LineReader(fileDescriptor: fd, name: displayName, maximumLineLength: maximumLineLength)
        try await withThrowingTaskGroup(of: (Int, Output).self) { group in
            var submitted = 0
            var nextToDeliver = 0
            var ready: [Int: Output] = [:]
            var inputDone = false
            while true {
                while !inputDone && submitted - nextToDeliver < maxBatchesInFlight {
                    // Before waiting for a slow writer's next lines (a live pipe), the output of
                    // those already read goes out.
                    if !reader.hasInputReady {
                        if submitted > nextToDeliver { break }
                        try idle()
                    }
                    guard let batch = try reader.nextBatch() else {
                        inputDone = true
                        break
                    }
                    let index = submitted
                    group.addTask { (index, process(batch)) }
                    submitted += 1
                }
                if nextToDeliver == submitted { break }
                while ready[nextToDeliver] == nil {
                    guard let (index, output) = try await group.next() else { break }
                    ready[index] = output
                }
                guard let output = ready.removeValue(forKey: nextToDeliver) else { break }
                nextToDeliver += 1
                if try !consume(output) {
                    group.cancelAll()
                    break
                }
            }
        }
    }
}
