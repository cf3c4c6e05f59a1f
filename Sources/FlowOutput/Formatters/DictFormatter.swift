import FlowModel
import HubbleAPI
import SwiftProtobuf

/// `-o dict`: one block of right-aligned `KEY: value` lines per record, separated by a line of dashes.
public struct DictFormatter: FlowFormatter {
    public let options: FormatOptions
    /// Records written so far, flows, lost events and node status alike (for separators).
    private var written = 0

    public init(options: FormatOptions) { self.options = options }

    private static let separator: [UInt8] = Array("------------\n".utf8)

    public mutating func write(_ envelope: FlowEnvelope, to out: inout OutputBuffers) {
        let layout = options.timeLayout
        switch envelope.responseTypes {
        case .flow(let flow)?:
            let start = beginBlock(&out.stdout, time: flow.hasTime ? flow.time : nil)
            let color = options.color
            var line: [UInt8] = []
            if options.printNodeName { field("NODE", Array(flow.nodeName.utf8), &out.stdout) }
            line.removeAll(keepingCapacity: true)
            DisplayedPeer(flow, source: true, ipTranslation: options.ipTranslation).append(to: &line, color: color)
            field("SOURCE", line, &out.stdout)
            line.removeAll(keepingCapacity: true)
            DisplayedPeer(flow, source: false, ipTranslation: options.ipTranslation).append(to: &line, color: color)
            field("DESTINATION", line, &out.stdout)
            line.removeAll(keepingCapacity: true)
            FlowText.appendType(flow, to: &line)
            field("TYPE", line, &out.stdout)
            let verdict = FlowText.verdict(flow, printPolicyNames: options.printPolicyNames)
            line.removeAll(keepingCapacity: true)
            line.append(verdict.text, color: color ? verdict.color : nil)
            field("VERDICT", line, &out.stdout)
            line.removeAll(keepingCapacity: true)
            FlowText.appendSummary(flow, color: color, to: &line)
            field("SUMMARY", line, &out.stdout)
            TerminalEscaper.escape(&out.stdout, from: start, allowColor: color)
        case .lostEvents(let lost)?:
            let start = beginBlock(&out.stdout, time: envelope.hasTime ? envelope.time : nil)
            if options.printNodeName {
                field("NODE", Array((envelope.nodeName.isEmpty ? "-" : envelope.nodeName).utf8), &out.stdout)
            }
            field("SOURCE", Array(lost.source.goName.utf8), &out.stdout)
            field("TYPE", Array("EVENTS LOST".utf8), &out.stdout)
            field("VERDICT", [UInt8(ascii: "-")], &out.stdout)
            field("SUMMARY", EventText.lostSummary(lost, layout: layout, dash: true), &out.stdout)
            TerminalEscaper.escape(&out.stdout, from: start, allowColor: false)
        case .nodeStatus(let status)?:
            guard EventText.shows(status, options: options) else { return }
            let start = beginBlock(&out.stderr, time: envelope.hasTime ? envelope.time : nil)
            field("STATE", Array(status.stateChange.goName.utf8), &out.stderr)
            field("NODES", Array(EventText.nodeNames(status.nodeNames).utf8), &out.stderr)
            let message = status.message.isEmpty ? "N/A" : GoQuote.quote(status.message)
            field("MESSAGE", Array(message.utf8), &out.stderr)
            TerminalEscaper.escape(&out.stderr, from: start, allowColor: false)
        case nil:
            return
        }
    }

    /// Starts a record: the separator unless it is the first one written, then its TIMESTAMP line.
    /// Returns where the record starts in `out` (for escaping).
    private mutating func beginBlock(_ out: inout [UInt8], time: Google_Protobuf_Timestamp?) -> Int {
        let start = out.count
        if written > 0 { out.append(contentsOf: Self.separator) }
        written += 1
        var text: [UInt8] = []
        options.timeLayout.append(time, to: &text)
        field("TIMESTAMP", text, &out)
        return start
    }

    /// Writes `KEY: value`, the key right-aligned to 11 characters.
    private func field(_ key: String, _ value: [UInt8], _ out: inout [UInt8]) {
        for _ in key.utf8.count..<11 { out.append(UInt8(ascii: " ")) }
        out.append(contentsOf: key.utf8)
        out.append(contentsOf: ": ".utf8)
        let start = out.count
        out.append(contentsOf: value)
        // A value is one line: a newline in it came from the data.
        TerminalEscaper.escape(&out, from: start, allowColor: options.color, newlines: false)
        out.append(UInt8(ascii: "\n"))
    }
}
