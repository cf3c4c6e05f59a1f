import FlowModel
import HubbleAPI
import SwiftProtobuf

/// The text of lost-event and node-status records, shared by the text formats.
enum EventText {
    /// `CPU(3) 5 (first: …, last: …)` for compact; dict and table put ` - ` between CPU and count.
    static func lostSummary(_ lost: Flow_LostEvent, layout: TimeLayout, dash: Bool) -> [UInt8] {
        var out: [UInt8] = Array("CPU(".utf8)
        out.appendDecimal(lost.hasCpu ? lost.cpu.value : 0)
        out.append(contentsOf: (dash ? ") - " : ") ").utf8)
        out.appendDecimal(lost.numEventsLost)
        if lost.hasFirst && lost.hasLast {
            out.append(contentsOf: " (first: ".utf8)
            layout.append(lost.first, to: &out)
            out.append(contentsOf: ", last: ".utf8)
            layout.append(lost.last, to: &out)
            out.append(UInt8(ascii: ")"))
        }
        return out
    }

    /// Whether a node status event is shown under these options.
    static func shows(_ status: Relay_NodeStatusEvent, options: FormatOptions) -> Bool {
        if options.silentErrors { return false }
        if options.allNodeStatus { return true }
        return status.stateChange == .nodeError || status.stateChange == .nodeUnavailable
    }

    /// The compact line of a node status event: `<TIME> [<node>]: <text>\n`.
    static func nodeStatusLine(_ envelope: FlowEnvelope, layout: TimeLayout) -> [UInt8] {
        var out: [UInt8] = []
        layout.append(envelope.hasTime ? envelope.time : nil, to: &out)
        out.append(contentsOf: " [".utf8)
        out.append(contentsOf: envelope.nodeName.utf8)
        out.append(contentsOf: "]: ".utf8)
        out.append(contentsOf: nodeStatusText(envelope.nodeStatus).utf8)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    static func nodeStatusText(_ status: Relay_NodeStatusEvent) -> String {
        let n = status.nodeNames.count
        let names = nodeNames(status.nodeNames)
        switch status.stateChange {
        case .nodeConnected: return "Receiving flows from \(n) nodes: \(names)"
        case .nodeUnavailable: return "\(n) nodes are unavailable: \(names)"
        case .nodeGone: return "\(n) nodes removed from cluster: \(names)"
        case .nodeError: return "Error \(GoQuote.quote(status.message)) on \(n) nodes: \(names)"
        default:
            return "unknown node status event: {StateChange:\(status.stateChange.goName) NodeNames:[\(status.nodeNames.joined(separator: " "))] Message:\(status.message)}"
        }
    }

    /// Node names joined with `, `, cut off after about 50 bytes with ` (and k more)`.
    static func nodeNames(_ names: [String]) -> String {
        var total = 0
        var kept: [String] = []
        for (i, name) in names.enumerated() {
            total += name.utf8.count + 2
            if i > 0 && total > 50 {
                return kept.joined(separator: ", ") + " (and \(names.count - i) more)"
            }
            kept.append(name)
        }
        return kept.joined(separator: ", ")
    }
}
