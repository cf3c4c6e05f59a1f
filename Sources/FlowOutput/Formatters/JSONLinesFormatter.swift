import FlowModel
import HubbleAPI

/// `-o jsonpb` / `-o json`: one envelope per line, byte for byte as the reference CLI writes it. Node
/// status goes to stderr. In legacy mode (`HUBBLE_COMPAT=legacy-json-output`) `json` writes the bare
/// flow or lost event and drops node status.
public struct JSONLinesFormatter: FlowFormatter {
    public let options: FormatOptions
    public let legacy: Bool
    /// The writer each line is encoded with, kept from one line to the next.
    private let scratch = Scratch()

    private final class Scratch {
        var writer = JSONWriter(capacity: 4096)
    }

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

    /// Encodes one line and appends it to `destination`.
    private func writeLine(to destination: inout [UInt8], _ encode: (inout JSONWriter) -> Void) {
        scratch.writer.reset()
        encode(&scratch.writer)
        scratch.writer.append("\n")
        scratch.writer.withBytes { destination.append(contentsOf: $0) }
    }
}
