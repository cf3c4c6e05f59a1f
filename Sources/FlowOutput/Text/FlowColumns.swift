import FlowModel
import HubbleAPI

/// One flow's columns as the table shows them (time, node, source, destination, type, verdict,
/// summary), escaped for a terminal, with the verdict's colour: for views that lay flows out
/// themselves, such as the dashboard.
public struct FlowColumns: Sendable, Equatable {
    public var time: String
    public var node: String
    public var source: String
    public var destination: String
    public var type: String
    public var verdict: String
    public var verdictColor: VerdictColor
    public var summary: String

    /// The reference palette: green for forwarded, red for dropped, yellow for audit and traces.
    public enum VerdictColor: Sendable, Equatable {
        case green, red, yellow, none
    }

    public init(_ flow: Flow, options: FormatOptions) {
        func text(_ bytes: [UInt8]) -> String {
            var escaped = bytes
            TerminalEscaper.escape(&escaped, from: 0, allowColor: false, newlines: false)
            return String(decoding: escaped, as: UTF8.self)
        }
        var bytes: [UInt8] = []
        options.timeLayout.append(flow.hasTime ? flow.time : nil, to: &bytes)
        time = text(bytes)
        node = text(Array(flow.nodeName.utf8))
        bytes.removeAll(keepingCapacity: true)
        DisplayedPeer(flow, source: true, ipTranslation: options.ipTranslation).append(to: &bytes, color: false)
        source = text(bytes)
        bytes.removeAll(keepingCapacity: true)
        DisplayedPeer(flow, source: false, ipTranslation: options.ipTranslation).append(to: &bytes, color: false)
        destination = text(bytes)
        bytes.removeAll(keepingCapacity: true)
        FlowText.appendType(flow, to: &bytes)
        type = text(bytes)
        let verdict = FlowText.verdict(flow, printPolicyNames: options.printPolicyNames)
        self.verdict = verdict.text
        verdictColor = switch verdict.color {
        case SGR.green?: .green
        case SGR.red?: .red
        case SGR.yellow?: .yellow
        default: .none
        }
        bytes.removeAll(keepingCapacity: true)
        FlowText.appendSummary(flow, color: false, to: &bytes)
        summary = text(bytes)
    }
}
