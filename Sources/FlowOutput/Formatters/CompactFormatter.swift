import FlowModel
import HubbleAPI
import SwiftProtobuf

/// `-o compact`: one line per flow, the reference CLI's default.
///
/// `TIME[ [NODE]]: SRC SRCID ARROW DST DSTID TYPE VERDICT (SUMMARY)`; a reply swaps the two sides so
/// that the client stays on the left.
public struct CompactFormatter: FlowFormatter {
    public let options: FormatOptions

    public init(options: FormatOptions) { self.options = options }

    /// The members of a flow that a compact line never shows and that cost most to decode: strings
    /// and lists of strings, which the reader then checks without building (a line that fails to
    /// decode in full fails for compact too). Keep in step with `appendFlow` and what it calls.
    public static func unusedMembers(options: FormatOptions) -> JSONSkipSet {
        var set = JSONSkipSet()
        set.skip(["uuid"], in: Flow_Flow.jsonFieldTable, as: .string)
        set.skip(["node_labels", "policy_log"], in: Flow_Flow.jsonFieldTable, as: .strings)
        set.skip(["cluster_name"], in: Flow_Endpoint.jsonFieldTable, as: .string)
        set.skip(["labels"], in: Flow_Endpoint.jsonFieldTable, as: .strings)
        return set
    }

    /// Escapes one line, its final LF kept: a newline inside it came from the data.
    static func escapeLine(_ bytes: inout [UInt8], from start: Int, allowColor: Bool) {
        let ended = bytes.last == UInt8(ascii: "\n") && bytes.count > start
        if ended { bytes.removeLast() }
        TerminalEscaper.escape(&bytes, from: start, allowColor: allowColor, newlines: false)
        if ended { bytes.append(UInt8(ascii: "\n")) }
    }

    public mutating func write(_ envelope: FlowEnvelope, to out: inout OutputBuffers) {
        switch envelope.responseTypes {
        case .flow(let flow)?:
            let start = out.stdout.count
            appendFlow(flow, to: &out.stdout)
            Self.escapeLine(&out.stdout, from: start, allowColor: options.color)
        case .lostEvents(let lost)?:
            let start = out.stdout.count
            options.timeLayout.append(envelope.hasTime ? envelope.time : nil, to: &out.stdout)
            out.stdout.append(contentsOf: " EVENTS LOST: ".utf8)
            out.stdout.append(contentsOf: lost.source.goName.utf8)
            out.stdout.append(UInt8(ascii: " "))
            out.stdout.append(contentsOf: EventText.lostSummary(lost, layout: options.timeLayout, dash: false))
            out.stdout.append(UInt8(ascii: "\n"))
            Self.escapeLine(&out.stdout, from: start, allowColor: false)
        case .nodeStatus(let status)?:
            guard EventText.shows(status, options: options) else { return }
            let start = out.stderr.count
            out.stderr.append(contentsOf: EventText.nodeStatusLine(envelope, layout: options.timeLayout))
            TerminalEscaper.escape(&out.stderr, from: start, allowColor: false)
        case nil:
            return
        }
    }

    /// Appends the compact line of `flow`, newline included.
    public func appendFlow(_ flow: Flow, to out: inout [UInt8]) {
        let color = options.color
        options.timeLayout.append(flow.hasTime ? flow.time : nil, to: &out)
        if options.printNodeName {
            out.append(contentsOf: " [".utf8)
            out.append(contentsOf: flow.nodeName.utf8)
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: ": ".utf8)
        // Read in place: the endpoints are not copied out of the flow.
        let source = DisplayedPeer(flow, source: true, ipTranslation: options.ipTranslation)
        let destination = DisplayedPeer(flow, source: false, ipTranslation: options.ipTranslation)
        let sourceIdentity = flow.sourceIdentityIfSet ?? 0
        let destinationIdentity = flow.destinationIdentityIfSet ?? 0
        let arrow: String
        let swapped: Bool
        if flow.hasIsReply {
            swapped = flow.isReply.value
            arrow = swapped ? "<-" : "->"
        } else {
            swapped = false
            arrow = "<>"
        }
        let (left, leftIdentity) = swapped ? (destination, destinationIdentity) : (source, sourceIdentity)
        let (right, rightIdentity) = swapped ? (source, sourceIdentity) : (destination, destinationIdentity)
        left.append(to: &out, color: color)
        out.append(UInt8(ascii: " "))
        appendIdentity(leftIdentity, to: &out)
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: arrow.utf8)
        out.append(UInt8(ascii: " "))
        right.append(to: &out, color: color)
        out.append(UInt8(ascii: " "))
        appendIdentity(rightIdentity, to: &out)
        out.append(UInt8(ascii: " "))
        FlowText.appendType(flow, to: &out)
        out.append(UInt8(ascii: " "))
        let verdict = FlowText.verdict(flow, printPolicyNames: options.printPolicyNames)
        out.append(verdict.text, color: color ? verdict.color : nil)
        out.append(contentsOf: " (".utf8)
        FlowText.appendSummary(flow, color: color, to: &out)
        out.append(contentsOf: ")\n".utf8)
    }

    private func appendIdentity(_ identity: UInt32, to out: inout [UInt8]) {
        if options.color { out.append(contentsOf: SGR.magenta) }
        FlowText.appendIdentity(identity, to: &out)
        if options.color { out.append(contentsOf: SGR.reset) }
    }
}
