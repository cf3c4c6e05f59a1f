import FlowModel
import HubbleAPI

/// `-o table`: aligned columns, held until the stream ends (Go's tabwriter semantics), or until a block
/// of `blockRows` rows or `blockBytes` bytes is held: memory stays bounded however long the stream,
/// and a table of up to 65,536 rows (a full ring) is aligned as one, as the reference aligns it. Node
/// status goes to stderr at once, in compact form. Never coloured.
public struct TableFormatter: FlowFormatter {
    public let options: FormatOptions
    private var tab = TabWriter()
    private var rows = 0
    /// Rows held in `tab`.
    private var held = 0
    public static let blockRows = 65_537
    static let blockBytes = 64 << 20

    public init(options: FormatOptions) { self.options = options }

    public mutating func write(_ envelope: FlowEnvelope, to out: inout OutputBuffers) {
        let layout = options.timeLayout
        switch envelope.responseTypes {
        case .flow(let flow)?:
            writeHeaderOnce()
            var time: [UInt8] = []
            layout.append(flow.hasTime ? flow.time : nil, to: &time)
            var source: [UInt8] = []
            DisplayedPeer(flow, source: true, ipTranslation: options.ipTranslation).append(to: &source, color: false)
            var destination: [UInt8] = []
            DisplayedPeer(flow, source: false, ipTranslation: options.ipTranslation).append(to: &destination, color: false)
            var type: [UInt8] = []
            FlowText.appendType(flow, to: &type)
            var summary: [UInt8] = []
            FlowText.appendSummary(flow, color: false, to: &summary)
            var cells = [time]
            if options.printNodeName { cells.append(Array(flow.nodeName.utf8)) }
            cells += [source, destination, type, Array(FlowText.verdict(flow, printPolicyNames: options.printPolicyNames).text.utf8), summary]
            row(cells)
            if held >= Self.blockRows || tab.heldBytes >= Self.blockBytes { flushBlock(to: &out) }
        case .lostEvents(let lost)?:
            writeHeaderOnce()
            var time: [UInt8] = []
            layout.append(envelope.hasTime ? envelope.time : nil, to: &time)
            var cells = [time]
            if options.printNodeName { cells.append(Array((envelope.nodeName.isEmpty ? "-" : envelope.nodeName).utf8)) }
            cells += [
                Array(lost.source.goName.utf8), [UInt8(ascii: "-")], Array("EVENTS LOST".utf8), [UInt8(ascii: "-")],
                EventText.lostSummary(lost, layout: layout, dash: true),
            ]
            row(cells)
            if held >= Self.blockRows || tab.heldBytes >= Self.blockBytes { flushBlock(to: &out) }
        case .nodeStatus(let status)?:
            guard EventText.shows(status, options: options) else { return }
            let start = out.stderr.count
            out.stderr.append(contentsOf: EventText.nodeStatusLine(envelope, layout: layout))
            TerminalEscaper.escape(&out.stderr, from: start, allowColor: false)
        case nil:
            return
        }
    }

    public mutating func finish(to out: inout OutputBuffers) {
        guard rows > 0 else { return }
        flushBlock(to: &out)
        rows = 0
    }

    private mutating func flushBlock(to out: inout OutputBuffers) {
        guard held > 0 else { return }
        out.stdout.append(contentsOf: tab.flush())
        tab = TabWriter()
        held = 0
    }

    private mutating func writeHeaderOnce() {
        guard rows == 0 else { return }
        var header = ["TIMESTAMP"]
        if options.printNodeName { header.append("NODE") }
        header += ["SOURCE", "DESTINATION", "TYPE", "VERDICT", "SUMMARY"]
        row(header.map { Array($0.utf8) })
    }

    private mutating func row(_ cells: [[UInt8]]) {
        rows += 1
        held += 1
        var line: [UInt8] = []
        for (i, cell) in cells.enumerated() {
            var escaped = cell
            TerminalEscaper.escape(&escaped, from: 0, allowColor: false, newlines: false)
            line.append(contentsOf: escaped)
            line.append(UInt8(ascii: i == cells.count - 1 ? "\n" : "\t"))
        }
        tab.write(line)
    }
}
