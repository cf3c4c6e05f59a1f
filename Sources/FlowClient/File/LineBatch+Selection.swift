import FlowModel
import HubbleAPI

/// What became of one line of a batch once decoded and checked against the selection.
enum LineSelection {
    /// Empty, or only white space: skipped, with one warning per input.
    case blank
    case malformed(reason: String)
    /// Outside the time window, or rejected by the filter.
    case skipped
    case selected(FlowEnvelope)
}

extension LineBatch {
    /// Decodes each line and applies the time window (on the envelope time) and the filter, in order.
    /// `body` gets the line's number and bytes, what became of it, and the members the model did not
    /// know (`nil` when none).
    func select(
        _ selection: FlowSelection, accept: (FlowEnvelope) -> Bool, decoder: FlowLineDecoder,
        _ body: (_ number: Int, _ bytes: UnsafeRawBufferPointer, LineSelection, _ unknown: [String]?) -> Void
    ) {
        forEach { number, bytes in
            if let length = oversized[number - firstLineNumber] {
                let reason = "line of \(length) bytes skipped: longer than \(LineReader.describe(size: maximumLineLength)) (--max-line-size)"
                body(number, bytes, .malformed(reason: reason), nil)
                return
            }
            let line: FlowLineDecoder.Line
            do throws(HubbleJSONError) {
                line = try decoder.decode(bytes)
            } catch {
                body(number, bytes, error.message == HubbleJSONError.emptyLine ? .blank : .malformed(reason: error.description), nil)
                return
            }
            let envelope = line.envelope
            let unknown = line.unknownFieldCount > 0 ? line.unknownFields : nil
            if selection.admits(time: envelope.hasTime ? envelope.time : nil), accept(envelope) {
                body(number, bytes, .selected(envelope), unknown)
            } else {
                body(number, bytes, .skipped, unknown)
            }
        }
    }
}
