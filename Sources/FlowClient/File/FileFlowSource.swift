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
/// Lines are decoded, filtered and transformed (rendered, typically) in batches on all cores; results
/// are delivered in file order on the calling task. Memory stays bounded by the batches in flight.
public struct FileFlowSource: Sendable {
    public let path: String
    public var displayName: String { path == "-" ? "<stdin>" : path }
    /// How many batches of lines may be read ahead of the one being delivered. Enough to keep every
    /// core busy while the calling task reads and writes; each batch is at most 96 KiB of input.
    public var maxBatchesInFlight: Int

    public init(path: String, maxBatchesInFlight: Int = FileFlowSource.defaultBatchesInFlight) {
        self.path = path
        self.maxBatchesInFlight = max(1, maxBatchesInFlight)
    }

    /// Four batches per core.
    public static var defaultBatchesInFlight: Int { 4 * max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// What a run saw.
    public struct Summary: Sendable {
        public var linesRead = 0
        public var badLines = 0
        public var delivered = 0
    }

    /// Reads the input and calls `deliver` for each selected record, in file order.
    ///
    /// - Parameters:
    ///   - accept: the filter, applied after the time window; envelopes it rejects do not count.
    ///   - transform: turns a selected envelope into what `deliver` takes; runs on worker tasks.
    ///   - report: called for every line that cannot be read (it is skipped) and once for the first
    ///     line with fields the model does not know (they are dropped).
    ///   - idle: called when everything read so far is delivered and the input (a pipe) has nothing
    ///     more yet: the moment to flush output.
    ///   - deliver: receives the selected records; throwing from it ends the run with that error.
    @discardableResult
    public func run<Record: Sendable>(
        selection: FlowSelection,
        accept: @escaping @Sendable (FlowEnvelope) -> Bool = { _ in true },
        transform: @escaping @Sendable (FlowEnvelope) -> Record,
        report: (InputProblem) -> Void,
        idle: () throws -> Void = {},
        deliver: (Record) throws -> Void
    ) async throws -> Summary {
        var state = DeliveryState(selection: selection, source: displayName)
        let stage = BatchStage(selection: selection, accept: accept, transform: transform)
        try await pump({ stage.process($0) }, idle: idle) { outcomes in
            try state.deliver(outcomes, report: report, deliver: deliver)
        }
        let decoder = FlowLineDecoder(reusingStrings: true)
        for line in state.held.inOrder() {
            let envelope = try line.withUnsafeBytes { try decoder.decode($0).envelope }
            state.summary.delivered += 1
            try deliver(transform(envelope))
        }
        return state.summary
    }

    /// Reads the input, renders each selected record into its batch's output on a worker task, and
    /// hands `write` the output in file order, a batch at a time (so a record costs no allocation and
    /// no hand-over of its own).
    ///
    /// - Parameters:
    ///   - skipping: members that neither `accept` nor `render` reads, left undecoded.
    ///   - renderer: makes what appends one envelope's output (flows to stdout, node status to
    ///     stderr); called once per batch, so that a renderer can keep its buffers from one record to
    ///     the next.
    ///   - idle: as for `run`.
    ///   - write: receives output to write; what it is given is in order and complete records only.
    @discardableResult
    public func render(
        selection: FlowSelection,
        accept: @escaping @Sendable (FlowEnvelope) -> Bool = { _ in true },
        skipping: JSONSkipSet? = nil,
        renderer: @escaping @Sendable () -> (FlowEnvelope, inout OutputBuffers) -> Void,
        report: (InputProblem) -> Void,
        idle: () throws -> Void = {},
        write: (OutputSlices) throws -> Void
    ) async throws -> Summary {
        var state = DeliveryState(selection: selection, source: displayName)
        let stage = RenderStage(selection: selection, accept: accept, skipping: skipping, makeRenderer: renderer)
        try await pump({ stage.process($0) }, idle: idle) { batch in
            try state.deliver(batch, report: report, write: write)
        }
        let decoder = FlowLineDecoder(reusingStrings: true, skipping: skipping)
        var output = OutputBuffers()
        let render = renderer()
        for line in state.held.inOrder() {
            let envelope = try line.withUnsafeBytes { try decoder.decode($0).envelope }
            state.summary.delivered += 1
            output.removeAll()
            render(envelope, &output)
            try output.stdout.withUnsafeBytes { stdout in
                try output.stderr.withUnsafeBytes { stderr in try write(OutputSlices(stdout: stdout, stderr: stderr)) }
            }
        }
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

        var reader = LineReader(fileDescriptor: fd, name: displayName)
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

/// What became of one input line on a worker.
enum LineOutcome<Record: Sendable>: Sendable {
    case selected(Record, unknown: UnknownFields?)
    /// Selected, but kept as raw bytes until the end (`--last`).
    case held([UInt8], unknown: UnknownFields?)
    case skipped(unknown: UnknownFields?)
    case malformed(line: Int, reason: String)
}

/// Members of a line that the model does not know (they were dropped).
struct UnknownFields: Sendable {
    var line: Int
    var names: [String]
}

/// The work done on a batch away from the calling task: decode, time window, filter, transform.
struct BatchStage<Record: Sendable>: Sendable {
    let selection: FlowSelection
    let accept: @Sendable (FlowEnvelope) -> Bool
    let transform: @Sendable (FlowEnvelope) -> Record

    func process(_ batch: LineBatch) -> [LineOutcome<Record>] {
        let decoder = FlowLineDecoder(reusingStrings: true)
        var outcomes: [LineOutcome<Record>] = []
        outcomes.reserveCapacity(batch.count)
        let holding = if case .last = selection.count { true } else { false }
        batch.select(selection, accept: accept, decoder: decoder) { number, bytes, line, unknownNames in
            let unknown = unknownNames.map { UnknownFields(line: number, names: $0) }
            switch line {
            case .malformed(let reason): outcomes.append(.malformed(line: number, reason: reason))
            case .skipped: outcomes.append(.skipped(unknown: unknown))
            case .selected(let envelope):
                outcomes.append(holding ? .held(Array(bytes), unknown: unknown) : .selected(transform(envelope), unknown: unknown))
            }
        }
        return outcomes
    }
}

/// The in-order half of a run: counting, `--first`, `--last`, reporting.
struct DeliveryState {
    let selection: FlowSelection
    let source: String
    var summary = FileFlowSource.Summary()
    var held: LastRecords
    var warnedUnknown = false

    init(selection: FlowSelection, source: String) {
        self.selection = selection
        self.source = source
        held = LastRecords(capacity: selection.count)
    }

    /// Delivers a batch's outcomes; false once `--first` is satisfied.
    mutating func deliver<Record>(
        _ outcomes: [LineOutcome<Record>], report: (InputProblem) -> Void, deliver: (Record) throws -> Void
    ) throws -> Bool {
        for outcome in outcomes {
            summary.linesRead += 1
            switch outcome {
            case .malformed(let line, let reason):
                summary.badLines += 1
                report(InputProblem(source: source, line: line, reason: reason))
            case .skipped(let unknown):
                warn(unknown, report)
            case .held(let bytes, let unknown):
                warn(unknown, report)
                held.append(bytes)
            case .selected(let record, let unknown):
                warn(unknown, report)
                if case .first(let n) = selection.count, UInt64(summary.delivered) >= n { return false }
                summary.delivered += 1
                try deliver(record)
                if case .first(let n) = selection.count, UInt64(summary.delivered) >= n { return false }
            }
        }
        return true
    }

    mutating func warn(_ unknown: UnknownFields?, _ report: (InputProblem) -> Void) {
        guard let unknown, !warnedUnknown else { return }
        warnedUnknown = true
        let names = unknown.names.map { "\"\($0)\"" }.joined(separator: ", ")
        report(InputProblem(
            source: source, line: unknown.line,
            reason: "warning: unknown field \(names) ignored (further unknown fields are ignored silently)"))
    }
}

/// The raw lines of the last N selected records: re-decoding them at the end costs less memory than
/// holding decoded envelopes.
struct LastRecords {
    private var ring: [[UInt8]] = []
    private var next = 0
    private let capacity: Int

    init(capacity count: FlowSelection.Count) {
        if case .last(let n) = count { capacity = Int(min(n, FlowSelection.maxLast)) } else { capacity = 0 }
    }

    mutating func append(_ line: [UInt8]) {
        guard capacity > 0 else { return }
        if ring.count < capacity {
            ring.append(line)
        } else {
            ring[next] = line
            next = (next + 1) % capacity
        }
    }

    func inOrder() -> [[UInt8]] { Array(ring[next...] + ring[..<next]) }
}
