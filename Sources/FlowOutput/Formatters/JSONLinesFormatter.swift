import FlowModel

/// `-o jsonpb` / `-o json`: one envelope per line, byte for byte as the reference CLI writes it. Node
/// status goes to stderr. In legacy mode (`HUBBLE_COMPAT=legacy-json-output`) `json` writes the bare
/// flow or lost event and drops node status.
public struct JSONLinesFormatter: FlowFormatter {
    public let options: FormatOptions
    public let legacy: Bool
    private var writer = JSONWriter()

    public init(options: FormatOptions, legacy: Bool) {
        self.options = options
        self.legacy = legacy
    }

    public mutating func write(_ envelope: FlowEnvelope, to out: inout OutputBuffers) {
        writer.reset()
        switch envelope.responseTypes {
        case .flow(let flow)?:
            if legacy { flow.encodeJSON(to: &writer) } else { envelope.encodeJSON(to: &writer) }
            out.stdout.append(contentsOf: writer.bytes)
            out.stdout.append(UInt8(ascii: "\n"))
        case .lostEvents(let lost)?:
            if legacy { lost.encodeJSON(to: &writer) } else { envelope.encodeJSON(to: &writer) }
            out.stdout.append(contentsOf: writer.bytes)
            out.stdout.append(UInt8(ascii: "\n"))
        case .nodeStatus(let status)?:
            guard !legacy, EventText.shows(status, options: options) else { return }
            envelope.encodeJSON(to: &writer)
            out.stderr.append(contentsOf: writer.bytes)
            out.stderr.append(UInt8(ascii: "\n"))
        case nil:
            return
        }
    }
}
