import FlowModel
import HubbleAPI

/// A batch of lines rendered on a worker: the output of its selected records back to back, and what
/// became of each line.
struct RenderedBatch: Sendable {
    /// What became of one line.
    enum Outcome: Sendable {
        /// Selected and rendered; its output ends at these offsets of `output`.
        case rendered(stdoutEnd: Int, stderrEnd: Int)
        /// Selected, but kept as raw bytes until the end (`--last`).
        case held([UInt8])
        case skipped
        case malformed(line: Int, reason: String)
    }

    var output = OutputBuffers()
    var outcomes: [Outcome] = []
    /// The first line in the batch with members the model does not know.
    var unknown: UnknownFields?
    /// Its index in `outcomes`.
    var unknownIndex = 0
}

/// The work done on a batch away from the calling task: decode, time window, filter, render.
struct RenderStage: Sendable {
    let selection: FlowSelection
    let accept: @Sendable (FlowEnvelope) -> Bool
    let skipping: JSONSkipSet?
    let makeRenderer: @Sendable () -> (FlowEnvelope, inout OutputBuffers) -> Void

    func process(_ batch: LineBatch) -> RenderedBatch {
        let decoder = FlowLineDecoder(reusingStrings: true, skipping: skipping)
        let render = makeRenderer()
        var result = RenderedBatch()
        result.outcomes.reserveCapacity(batch.count)
        // Rendered output is a fraction of the input (compact) or about its size (JSON).
        result.output.stdout.reserveCapacity(batch.bytes.count + batch.bytes.count >> 3)
        let holding = if case .last = selection.count { true } else { false }
        batch.select(selection, accept: accept, decoder: decoder) { number, bytes, line, unknownNames in
            if let unknownNames, result.unknown == nil {
                result.unknown = UnknownFields(line: number, names: unknownNames)
                result.unknownIndex = result.outcomes.count
            }
            switch line {
            case .malformed(let reason):
                result.outcomes.append(.malformed(line: number, reason: reason))
            case .skipped:
                result.outcomes.append(.skipped)
            case .selected where holding:
                result.outcomes.append(.held(Array(bytes)))
            case .selected(let envelope):
                render(envelope, &result.output)
                result.outcomes.append(
                    .rendered(stdoutEnd: result.output.stdout.count, stderrEnd: result.output.stderr.count))
            }
        }
        return result
    }
}

extension DeliveryState {
    /// Delivers a rendered batch's output, in order, up to `--first`; false once that is satisfied.
    mutating func deliver(
        _ batch: RenderedBatch, report: (InputProblem) -> Void, write: (OutputSlices) throws -> Void
    ) throws -> Bool {
        try batch.output.stdout.withUnsafeBytes { stdout in
            try batch.output.stderr.withUnsafeBytes { stderr in
                var written = (stdout: 0, stderr: 0)  // what `write` has been given
                var end = (stdout: 0, stderr: 0)  // the end of the records delivered so far
                func flush() throws {
                    guard end != written else { return }
                    try write(OutputSlices(
                        stdout: UnsafeRawBufferPointer(rebasing: stdout[written.stdout..<end.stdout]),
                        stderr: UnsafeRawBufferPointer(rebasing: stderr[written.stderr..<end.stderr])))
                    written = end
                }
                for (index, outcome) in batch.outcomes.enumerated() {
                    summary.linesRead += 1
                    if index == batch.unknownIndex, let unknown = batch.unknown {
                        warn(unknown, report)
                    }
                    switch outcome {
                    case .malformed(let line, let reason):
                        summary.badLines += 1
                        try flush()
                        report(InputProblem(source: source, line: line, reason: reason))
                    case .skipped:
                        break
                    case .held(let bytes):
                        held.append(bytes)
                    case .rendered(let stdoutEnd, let stderrEnd):
                        if case .first(let n) = selection.count, UInt64(summary.delivered) >= n {
                            try flush()
                            return false
                        }
                        summary.delivered += 1
                        end = (stdoutEnd, stderrEnd)
                        if case .first(let n) = selection.count, UInt64(summary.delivered) >= n {
                            try flush()
                            return false
                        }
                    }
                }
                try flush()
                return true
            }
        }
    }
}
