#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FlowModel

/// Flows from a capture: hubble JSON lines in a file or on standard input (`-`), in file order, selected
/// as the reference CLI selects them for `--input-file` (time window on the envelope time, then the
/// filter, then the count).
public struct FileFlowSource {
    public let path: String
    public var displayName: String { path == "-" ? "<stdin>" : path }

    public init(path: String) { self.path = path }

    /// What a run saw.
    public struct Summary: Sendable {
        public var linesRead = 0
        public var badLines = 0
        public var delivered = 0
    }

    /// Reads the input and calls `deliver` for each selected envelope, in file order.
    ///
    /// - Parameters:
    ///   - accept: the filter, applied after the time window; envelopes it rejects do not count.
    ///   - report: called for every line that cannot be read (it is skipped) and once for the first
    ///     line with fields the model does not know (they are dropped).
    ///   - deliver: receives the selected envelopes; throwing from it ends the run with that error.
    @discardableResult
    public func run(
        selection: FlowSelection,
        accept: (FlowEnvelope) -> Bool = { _ in true },
        report: (InputProblem) -> Void,
        deliver: (FlowEnvelope) throws -> Void
    ) throws -> Summary {
        let fd: Int32
        if path == "-" {
            fd = 0
        } else {
            fd = open(path, O_RDONLY)
            if fd < 0 { throw FlowInputError.openFailed(path: path, reason: String(cString: strerror(errno))) }
        }
        defer { if fd != 0 { close(fd) } }

        let decoder = FlowLineDecoder()
        var summary = Summary()
        var warnedUnknown = false
        var held = LastRecords(capacity: selection.count)
        let name = displayName

        try LineReader(fileDescriptor: fd).forEachLine { number, bytes in
            summary.linesRead += 1
            let line: FlowLineDecoder.Line
            do throws(HubbleJSONError) {
                line = try decoder.decode(bytes)
            } catch {
                summary.badLines += 1
                report(InputProblem(source: name, line: number, reason: error.description))
                return true
            }
            if line.unknownFieldCount > 0 && !warnedUnknown {
                warnedUnknown = true
                let names = line.unknownFields.map { "\"\($0)\"" }.joined(separator: ", ")
                report(InputProblem(
                    source: name, line: number,
                    reason: "warning: unknown field \(names) ignored (further unknown fields are ignored silently)"))
            }
            let envelope = line.envelope
            guard selection.admits(time: envelope.hasTime ? envelope.time : nil), accept(envelope) else { return true }
            switch selection.count {
            case .all:
                summary.delivered += 1
                try deliver(envelope)
            case .first(let n):
                guard summary.delivered < n else { return false }
                summary.delivered += 1
                try deliver(envelope)
                return summary.delivered < n
            case .last:
                held.append(Array(bytes))
            }
            return true
        }
        for bytes in held.inOrder() {
            let envelope = try bytes.withUnsafeBytes { try decoder.decode($0).envelope }
            summary.delivered += 1
            try deliver(envelope)
        }
        return summary
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
