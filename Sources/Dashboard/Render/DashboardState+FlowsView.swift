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

    func renderFlows(into screen: inout Screen, top: Int, height: Int) {
        let width = screen.size.width
        // Narrow terminals get the time of day only and a shorter TYPE column.
        let narrow = width < 110
        let time = narrow ? 12 : 19
        let node = showNode ? 24 : 0
        let type = width >= 140 ? 28 : narrow ? 14 : 20
        let verdict = 10
        let spacing = showNode ? 6 : 5
        let flexible = max(30, width - time - node - type - verdict - spacing)
        let endpoint = max(12, min(44, flexible * 7 / 20))
        var columns: [(String, Int)] = [("TIME", time)]
        if showNode { columns.append(("NODE", node)) }
        columns += [("SOURCE", endpoint), ("DESTINATION", endpoint), ("TYPE", type), ("VERDICT", verdict)]
        let used = columns.reduce(0) { $0 + $1.1 + 1 }
        columns.append(("SUMMARY", max(0, width - used)))

        var x = 0
        for (title, columnWidth) in columns {
            screen.put(title, row: top - 1, column: x, width: columnWidth)
            x += columnWidth + 1
        }
        screen.highlight(row: top - 1, style: style(nil, bold: true, reverse: true))

        let (rows, selectedIndex) = flowWindow(height: height)
        if rows.isEmpty {
            let message = filterText.isEmpty ? "no flows yet" : "no flows match the filter"
            screen.put(message, row: top, column: 0, style: style(.gray))
            return
        }
        for (i, stored) in rows.enumerated() {
            let row = top + i
            let cells = FlowColumns(stored.flow, options: format)
            let shownTime = narrow ? String(cells.time.split(separator: " ").last ?? Substring(cells.time)) : cells.time
            var values = [(shownTime, Screen.Style.plain)]
            if showNode { values.append((cells.node, style(.gray))) }
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
