import FlowModel
import HubbleAPI

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

/// Renderers for formats whose records do not depend on each other (compact, JSON): the result makes,
/// on any task, a renderer that appends one envelope's output at a time (one per batch of records, so
/// that its buffers serve the whole batch). `nil` for formats that keep state between records (dict
/// separators, table columns).
public func makeRecordRenderer(
    _ format: OutputFormat, options: FormatOptions
) -> (@Sendable () -> (FlowEnvelope, inout OutputBuffers) -> Void)? {
    switch format {
    case .compact:
        return {
            var formatter = CompactFormatter(options: options)
            return { envelope, out in formatter.write(envelope, to: &out) }
        }
    case .json, .jsonpb:
        let legacy = format == .json && options.legacyJSON
        return {
            var formatter = JSONLinesFormatter(options: options, legacy: legacy)
            return { envelope, out in formatter.write(envelope, to: &out) }
        }
    case .dict, .table:
        return nil
    }
}
