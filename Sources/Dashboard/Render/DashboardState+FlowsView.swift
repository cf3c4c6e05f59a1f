import FlowModel
import FlowOutput
import Foundation
import HubbleAPI
import SwiftProtobuf

extension DashboardState {
    /// The rows the flows table shows now, oldest first, and which of them is selected.
    func flowWindow(height: Int) -> (rows: [Stored], selectedIndex: Int?) {
        guard let selected else { return (visibleFlows(limit: height), nil) }
        let all = visibleFlows(limit: historyLimit)
        guard let index = all.lastIndex(where: { $0.sequence <= selected }) else { return (visibleFlows(limit: height), nil) }
        let bottom = min(all.count - 1, index + selectedFromBottom)
        let top = max(0, bottom - height + 1)
        return (Array(all[top...bottom]), index - top)
    }

    /// The flows table's columns at a width: the names (source, destination) take the room first,
    /// up to 44 cells each; the time loses its date, then its milliseconds; the node column shows
    /// node names without their cluster when the names are long; the summary takes what is left
    /// (none below 96 columns: Enter shows it).
    struct FlowColumnLayout: Equatable {
        var time: Int
        var node: Int
        var endpoint: Int
        var type: Int
        var summary: Int
        var shortNodeNames: Bool
        static let verdict = 10

        init(width: Int, nodeNames: [String]?) {
            time = width >= 140 ? 19 : width >= 96 ? 12 : 8
            type = width >= 140 ? 28 : width >= 110 ? 20 : 14
            if let nodeNames {
                let cap = width >= 160 ? 28 : width >= 110 ? 20 : 14
                let longest = nodeNames.map { Screen.width(of: $0) }.max() ?? 4
                shortNodeNames = longest > cap
                let shown = shortNodeNames ? nodeNames.map { Screen.width(of: Self.short($0)) }.max() ?? 4 : longest
                node = min(cap, max(4, shown))
            } else {
                node = 0
                shortNodeNames = false
            }
            let separators = nodeNames == nil ? 5 : 6
            let flexible = max(24, width - time - node - type - Self.verdict - separators)
            let summaryShare = width >= 120 ? flexible * 3 / 10 : width >= 96 ? 16 : 0
            endpoint = max(12, min(44, (flexible - summaryShare) / 2))
            summary = max(0, flexible - 2 * endpoint)
            if summary < 6 {
                summary = 0
                endpoint = max(12, min(44, flexible / 2))
            }
        }

        /// A node name without its cluster (`kind-worker` of `kind-kind/kind-worker`).
        static func short(_ name: String) -> String {
            name.split(separator: "/").last.map(String.init) ?? name
        }
    }

    func renderFlows(into screen: inout Screen, top: Int, height: Int) {
        let width = screen.size.width
        let (rows, selectedIndex) = flowWindow(height: height)
        let layout = FlowColumnLayout(width: width, nodeNames: showNode ? rows.map(\.flow.nodeName) : nil)
        var columns: [(String, Int)] = [("TIME", layout.time)]
        if showNode { columns.append(("NODE", layout.node)) }
        columns += [("SOURCE", layout.endpoint), ("DESTINATION", layout.endpoint), ("TYPE", layout.type), ("VERDICT", FlowColumnLayout.verdict)]
        if layout.summary > 0 { columns.append(("SUMMARY", layout.summary)) }

        var x = 0
        for (title, columnWidth) in columns {
            screen.put(title, row: top - 1, column: x, width: columnWidth)
            x += columnWidth + 1
        }
        screen.highlight(row: top - 1, style: style(nil, bold: true, reverse: true))

        if rows.isEmpty {
            let message = filterText.isEmpty ? "no flows yet" : "no flows match the filter"
            screen.put(message, row: top, column: 0, style: style(.gray))
            return
        }
        for (i, stored) in rows.enumerated() {
            let row = top + i
            let cells = FlowColumns(stored.flow, options: format)
            var shownTime = cells.time
            if layout.time < 19 { shownTime = String(shownTime.split(separator: " ").last ?? Substring(shownTime)) }
            if layout.time < 12, let dot = shownTime.firstIndex(of: ".") { shownTime = String(shownTime[..<dot]) }
            var values = [(shownTime, Screen.Style.plain)]
            if showNode { values.append((layout.shortNodeNames ? FlowColumnLayout.short(cells.node) : cells.node, style(.gray))) }
            values += [
                (cells.source, style(.cyan)), (cells.destination, style(.cyan)), (cells.type, .plain),
                (cells.verdict, verdictStyle(cells.verdictColor)), (cells.summary, .plain),
            ]
            var column = 0
            for ((text, cellStyle), (_, columnWidth)) in zip(values, columns) {
                screen.put(Self.fit(text, columnWidth), row: row, column: column, width: columnWidth, style: cellStyle)
                column += columnWidth + 1
            }
            if i == selectedIndex { screen.highlight(row: row, style: Screen.Style(reverse: true)) }
        }
    }

    /// Cuts text to a column, marking the cut with `…`.
    static func fit(_ text: String, _ width: Int) -> String {
        guard Screen.width(of: text) > width, width > 1 else { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = Screen.width(of: character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    // MARK: Detail

    func renderDetail(_ stored: Stored, into screen: inout Screen, top: Int, height: Int) {
        let flow = stored.flow
        let cells = FlowColumns(flow, options: format)
        screen.put("Flow #\(stored.sequence)", row: top, column: 0, style: style(.cyan, bold: true, reverse: true))
        var lines: [(String, String, Screen.Style)] = [
            ("time", cells.time, .plain), ("node", cells.node, .plain), ("source", cells.source, style(.cyan)),
            ("destination", cells.destination, style(.cyan)), ("type", cells.type, .plain),
            ("verdict", cells.verdict, verdictStyle(cells.verdictColor)), ("summary", cells.summary, .plain),
        ]
        if flow.hasSource { lines.append(("source labels", flow.source.labels.joined(separator: ", "), .plain)) }
        if flow.hasDestination { lines.append(("destination labels", flow.destination.labels.joined(separator: ", "), .plain)) }
        if flow.dropReasonDesc.rawValue != 0 { lines.append(("drop reason", flow.dropReasonDesc.protoName ?? "", style(.red))) }
        let policies = (flow.ingressAllowedBy + flow.egressAllowedBy + flow.ingressDeniedBy + flow.egressDeniedBy)
            .map { $0.namespace.isEmpty ? $0.name : "\($0.namespace)/\($0.name)" }
        if !policies.isEmpty { lines.append(("policies", policies.joined(separator: ", "), .plain)) }
        var text: [(String, Screen.Style)] = lines.map { ("\($0.0.padding(toLength: 19, withPad: " ", startingAt: 0)) \($0.1)", $0.2) }
        text.append(("", .plain))
        text += JSONIndenter.lines(FlowEnvelope(flow: flow).hubbleJSONString()).map { (Self.escaped($0), style(.gray)) }
        let visible = text.dropFirst(min(detailScroll, max(0, text.count - 1))).prefix(height - 1)
        for (i, line) in visible.enumerated() {
            screen.put(line.0, row: top + 1 + i, column: 1, style: line.1)
        }
    }

    static func escaped(_ text: String) -> String { TerminalEscaper.escaped(text) }
}
