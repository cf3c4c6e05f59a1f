import FlowModel

/// What a formatter produced for standard output and standard error, as bytes ready to write.
public struct OutputBuffers: Sendable {
    public var stdout: [UInt8] = []
    public var stderr: [UInt8] = []

    public init() {}

    public mutating func removeAll() {
        stdout.removeAll(keepingCapacity: true)
        stderr.removeAll(keepingCapacity: true)
    }
}

/// Renders envelopes in one output format. Formatters keep state (separators, the table's rows), so
/// one instance serves one stream from start to finish.
public protocol FlowFormatter {
    /// Renders one envelope: flows and lost events to `stdout`, node status to `stderr`.
    mutating func write(_ envelope: FlowEnvelope, to out: inout OutputBuffers)
    /// Writes what was held back until the end of the stream (the table).
    mutating func finish(to out: inout OutputBuffers)
}

extension FlowFormatter {
    public mutating func finish(to out: inout OutputBuffers) {}
}

/// Makes the formatter for a format.
public func makeFormatter(_ format: OutputFormat, options: FormatOptions) -> any FlowFormatter {
    switch format {
    case .compact: CompactFormatter(options: options)
    case .dict: DictFormatter(options: options)
    case .table: TableFormatter(options: options)
    case .jsonpb: JSONLinesFormatter(options: options, legacy: false)
    case .json: JSONLinesFormatter(options: options, legacy: options.legacyJSON)
    }
}

/// A renderer for formats whose records do not depend on each other (compact, JSON): it turns one
/// envelope into its output and can run on any task. `nil` for formats that keep state between
/// records (dict separators, table columns).
public func makeRecordRenderer(
    _ format: OutputFormat, options: FormatOptions
) -> (@Sendable (FlowEnvelope) -> OutputBuffers)? {
    switch format {
    case .compact:
        return { envelope in
            var formatter = CompactFormatter(options: options)
            var out = OutputBuffers()
            out.stdout.reserveCapacity(384)
            formatter.write(envelope, to: &out)
            return out
        }
    case .json, .jsonpb:
        let legacy = format == .json && options.legacyJSON
        return { envelope in
            var formatter = JSONLinesFormatter(options: options, legacy: legacy)
            var out = OutputBuffers()
            out.stdout.reserveCapacity(2048)
            formatter.write(envelope, to: &out)
            return out
        }
    case .dict, .table:
        return nil
    }
}
