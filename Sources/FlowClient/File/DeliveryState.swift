import FlowModel
import HubbleAPI

/// The in-order half of reading a capture, on the reading task: counting, `--first`, `--last`,
/// reporting unreadable lines where they stand, and the one warning about unknown fields.
struct DeliveryState {
    let selection: FlowSelection
    let source: String
    var summary = FileFlowSource.Summary()
    var held: LastRecords
    var warnedUnknown = false
    var warnedBlank = false

    init(selection: FlowSelection, source: String) {
        self.selection = selection
        self.source = source
        held = LastRecords(capacity: selection.count)
    }

    /// Whether `--first` is satisfied.
    var isComplete: Bool {
        if case .first(let n) = selection.count { return UInt64(summary.delivered) >= n }
        return false
    }

    /// Delivers a batch's records, in order, up to `--first`, with each unreadable line reported
    /// after the records before it; false once `--first` is satisfied.
    mutating func deliver(_ batch: ProcessedBatch, into sink: inout some FlowSink) throws -> Bool {
        summary.nonFlowsDropped += batch.nonFlowsDropped
        var next = 0  // the next record of the batch
        var pending = 0  // the first record not yet delivered
        func flush(_ sink: inout some FlowSink) throws {
            guard pending < next else { return }
            try sink.deliver(batch.records, range: pending..<next)
            pending = next
        }
        for (index, outcome) in batch.outcomes.enumerated() {
            summary.linesRead += 1
            if let unknown = batch.unknown, unknown.index == index { warn(unknown.fields, &sink) }
            switch outcome {
            case .malformed(let line, let reason):
                summary.badLines += 1
                try flush(&sink)
                sink.report(InputProblem(source: source, line: line, reason: reason))
            case .skipped:
                break
            case .blank(let line):
                // As the reference skips them (it warns about each and exits 0); told once here.
                summary.blankLines += 1
                guard !warnedBlank else { break }
                warnedBlank = true
                try flush(&sink)
                sink.report(InputProblem(source: source, line: line, reason: "warning: blank line skipped (further blank lines are skipped silently)"))
            case .held(let bytes):
                held.append(bytes)
            case .selected:
                if isComplete {
                    try flush(&sink)
                    return false
                }
                summary.delivered += 1
                next += 1
                if isComplete {
                    try flush(&sink)
                    return false
                }
            }
        }
        try flush(&sink)
        return !isComplete
    }

    mutating func warn(_ unknown: UnknownFields, _ sink: inout some FlowSink) {
        guard !warnedUnknown else { return }
        warnedUnknown = true
        let names = unknown.names.map { "\"\($0)\"" }.joined(separator: ", ")
        sink.report(InputProblem(
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
