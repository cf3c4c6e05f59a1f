import FlowModel

/// `-o jsonpb` / `-o json`: one envelope per line, byte for byte as the reference CLI writes it. Node
/// status goes to stderr. In legacy mode (`HUBBLE_COMPAT=legacy-json-output`) `json` writes the bare
/// flow or lost event and drops node status.
public struct JSONLinesFormatter: FlowFormatter {
    public let options: FormatOptions
    public let legacy: Bool
    private var writer = JSONWriter(capacity: 0)

    public init(options: FormatOptions, legacy: Bool) {
        self.options = options
        self.legacy = legacy
    }

    public mutating func write(_ envelope: FlowEnvelope, to out: inout OutputBuffers) {
        let legacy = self.legacy
        switch envelope.responseTypes {
        case .flow(let flow)?:
            writeLine(to: &out.stdout) { writer in
                if legacy { flow.encodeJSON(to: &writer) } else { envelope.encodeJSON(to: &writer) }
            }
        case .lostEvents(let lost)?:
            writeLine(to: &out.stdout) { writer in
                if legacy { lost.encodeJSON(to: &writer) } else { envelope.encodeJSON(to: &writer) }
            }
        case .nodeStatus(let status)?:
            guard !legacy, EventText.shows(status, options: options) else { return }
            writeLine(to: &out.stderr) { writer in envelope.encodeJSON(to: &writer) }
        case nil:
            return
        }
    }

    /// Encodes straight into `destination` (lending it to the writer) and ends the line.
    private mutating func writeLine(to destination: inout [UInt8], _ encode: (inout JSONWriter) -> Void) {
        var lent = writer
        lent.reset()
        swap(&lent.bytes, &destination)
        encode(&lent)
        lent.bytes.append(UInt8(ascii: "\n"))
        swap(&lent.bytes, &destination)
        writer = lent
    }
}
