import FlowModel
import FlowOutput
import Foundation
import HubbleAPI
import SwiftProtobuf

extension DashboardState {
    /// The whole screen for this state at `size`: header, the current view (or the detail pane or
    /// the help), the filter bar or the key hints.
    public func render(size: Size) -> Screen {
        var screen = Screen(size: size)
        guard size.width >= 20, size.height >= 8 else {
            screen.put("loupe top: the terminal is too small", row: 0, column: 0)
            return screen
        }
        renderHeader(into: &screen)
        let top = 4
        let height = max(1, size.height - 5 - filterErrorLines)
        if showHelp {
            renderHelp(into: &screen, top: top - 1, height: height + 1)
        } else if let detail, let stored = stored(detail) {
            renderDetail(stored, into: &screen, top: top - 1, height: height + 1)
        } else {
            switch view {
            case .flows: renderFlows(into: &screen, top: top, height: height)
            case .talkers: renderTalkers(into: &screen, top: top, height: height)
            case .drops: renderDrops(into: &screen, top: top, height: height)
            case .nodes: renderNodes(into: &screen, top: top, height: height)
            case .map: renderMap(into: &screen, top: top, height: height)
            }
        }
        renderFooter(into: &screen)
        return screen
    }

    func style(_ color: Screen.Color?, bold: Bool = false, reverse: Bool = false) -> Screen.Style {
        Screen.Style(color: colors == .color ? color : nil, bold: bold, reverse: reverse)
    }

    func verdictStyle(_ color: FlowColumns.VerdictColor) -> Screen.Style {
        switch color {
        case .green: style(.green)
        case .red: style(.red, bold: true)
        case .yellow: style(.yellow)
        case .none: .plain
        }
    }

    // MARK: Header and footer

    func renderHeader(into screen: inout Screen) {
        let width = screen.size.width
        var x = screen.put("loupe top ", row: 0, column: 0, style: style(.cyan, bold: true))
        for candidate in View.allCases {
            let label = " \(candidate.rawValue) \(candidate.title) "
            let active = candidate == view && detail == nil && !showHelp
            x += screen.put(label, row: 0, column: x, style: active ? style(.cyan, bold: true, reverse: true) : .plain)
        }
        let sparkWidth = min(30, max(0, width - x - 24))
        let spark = Self.sparkline(rate.history.suffix(sparkWidth + 1).dropLast())
        let rateText = "\(Self.grouped(rate.perSecond)) flows/s "
        let rateColumn = width - Screen.width(of: rateText) - spark.count
        if rateColumn > x + 1 {
            screen.put(rateText, row: 0, column: rateColumn, style: style(nil, bold: true))
            screen.put(spark, row: 0, column: rateColumn + Screen.width(of: rateText), style: style(.cyan))
        }

        // The connection summary keeps its place; the verdict counts take the rest, shortened
        // (FWD 1.2M) when in full they would not fit.
        let summary = connectionSummary
        let summaryColumn = width - Screen.width(of: summary)
        let room = summaryColumn - 2
        let counts = verdictCountCells(compact: false)
        let cells = counts.reduce(0) { $0 + Screen.width(of: $1.name) + Screen.width(of: $1.count) + 3 } <= room
            ? counts : verdictCountCells(compact: true)
        x = 0
        for cell in cells {
            let needed = Screen.width(of: cell.name) + Screen.width(of: cell.count) + 1
            guard x + needed <= room else { break }
            x += screen.put("\(cell.name) ", row: 1, column: x, style: style(cell.color))
            x += screen.put("\(cell.count)  ", row: 1, column: x)
        }
        if x == 0 && counts.isEmpty { x = screen.put("waiting for flows…", row: 1, column: 0, style: style(.gray)) }
        if summaryColumn > x { screen.put(summary, row: 1, column: summaryColumn, style: connectionStyle) }

        let filterLabel = filterText.isEmpty ? "filter: none (/ to set one)" : "filter: \(filterText)"
        x = screen.put(filterLabel, row: 2, column: 0, style: filterText.isEmpty ? style(.gray) : style(.magenta))
        if pausedAt != nil {
            let paused = " PAUSED · \(Self.grouped(UInt64(newWhilePaused))) new while paused "
            screen.put(paused, row: 2, column: max(x + 1, width - Screen.width(of: paused)), style: style(.yellow, bold: true, reverse: true))
        }
    }

    /// `demo: connected · 3/3 nodes`, `2/3 connected`: the servers, then the nodes behind them.
    var connectionSummary: String {
        guard !servers.isEmpty else { return "" }
        var summary: String
        if servers.count == 1, let only = servers.values.first {
            summary = "\(only.server): \(only.connection.rawValue)"
        } else {
            summary = "\(servers.values.filter { $0.connection == .connected }.count)/\(servers.count) connected"
        }
        let described = nodes.values.filter { $0.connection != nil }
        if !described.isEmpty {
            summary += " · \(described.filter { $0.connection == .connected }.count)/\(described.count) nodes"
        }
        return summary
    }

    var connectionStyle: Screen.Style {
        let healthy = servers.values.allSatisfy { $0.connection == .connected }
            && nodes.values.allSatisfy { $0.connection == nil || $0.connection == .connected }
        return healthy ? style(.green) : style(.red, bold: true)
    }

    /// The verdicts seen and their counts, in hubble's order; `compact` shortens both.
    func verdictCountCells(compact: Bool) -> [(name: String, count: String, color: Screen.Color?)] {
        let order: [(Flow_Verdict, String)] = [
            (.forwarded, "FWD"), (.dropped, "DROP"), (.error, "ERR"), (.audit, "AUDIT"), (.redirected, "REDIR"),
            (.traced, "TRACE"), (.translated, "XLATE"),
        ]
        return order.compactMap { verdict, short in
            guard let count = verdictCounts[verdict], count > 0 else { return nil }
            let color: Screen.Color? = switch verdict {
            case .forwarded, .redirected: .green
            case .dropped, .error: .red
            default: .yellow
            }
            return compact ? (short, Self.compactCount(count), color) : (verdict.protoName ?? "?", Self.grouped(count), color)
        }
    }

    /// `950`, `12.3k`, `4.1M`.
    static func compactCount(_ value: UInt64) -> String {
        switch value {
        case ..<10_000: return "\(value)"
        case ..<1_000_000: return String(format: "%.1fk", Double(value) / 1e3)
        case ..<1_000_000_000: return String(format: "%.1fM", Double(value) / 1e6)
        default: return String(format: "%.1fG", Double(value) / 1e9)
        }
    }

    /// Key hints that fit the width: separated by two spaces, or one, then cut at a whole hint.
    static func fitted(_ hints: [String], width: Int) -> String {
        for separator in ["  ", " "] {
            let line = hints.joined(separator: separator)
            if Screen.width(of: line) <= width { return line }
        }
        var line = ""
        for hint in hints {
            let next = line.isEmpty ? hint : line + " " + hint
            guard Screen.width(of: next) <= width else { break }
            line = next
        }
        return line
    }

    func renderFooter(into screen: inout Screen) {
        let last = screen.size.height - 1
        if let bar = filterBar {
            if let error = bar.error {
                let lines = error.split(separator: "\n", omittingEmptySubsequences: false).prefix(4)
                for (i, line) in lines.enumerated() {
                    screen.put(String(line), row: last - lines.count + i, column: 0, style: style(.red))
                }
            }
            let prompt = "/ "
            screen.put(prompt, row: last, column: 0, style: style(.cyan, bold: true))
            let chars = Array(bar.text)
            // Keep the cursor in view on long expressions.
            let room = screen.size.width - 3
            let start = max(0, bar.cursor - room)
            screen.put(String(chars[start...]), row: last, column: 2)
            screen.cursor = (last, 2 + Screen.width(of: String(chars[start..<bar.cursor])))
            return
        }
        if let note {
            screen.put(note, row: last, column: 0, style: style(.magenta))
            return
        }
        let hints: [String]
        if showHelp {
            hints = ["Esc close help", "q quit"]
        } else if detail != nil {
            hints = ["Esc close", "↑↓ scroll", "filter on: s source", "d destination", "n src ns", "N dst ns", "p port", "v verdict"]
        } else {
            switch view {
            case .flows: hints = ["q quit", "? help", "/ filter", "Tab view", "Space pause", "↑↓ select", "Enter detail", "n node"]
            case .talkers: hints = ["q quit", "? help", "/ filter", "Tab view", "s sort (\(talkerSortName))"]
            case .drops, .nodes, .map: hints = ["q quit", "? help", "/ filter", "Tab view"]
            }
        }
        // The bottom-right cell stays empty: writing it makes a terminal scroll.
        screen.put(Self.fitted(hints, width: screen.size.width - 1), row: last, column: 0, style: style(.gray))
    }

    // MARK: Help

    func renderHelp(into screen: inout Screen, top: Int, height: Int) {
        let lines = [
            ("", "Keys"),
            ("Tab, Shift-Tab, 1–5", "switch view: Flows, Talkers, Drops, Nodes, Map"),
            ("/", "edit the filter (compiled as you type; Enter applies, Esc cancels, ↑↓ history)"),
            ("Space", "pause or resume the flows table"),
            ("↑ ↓ PgUp PgDn Home End", "select a flow (End follows the newest again)"),
            ("Enter", "open the selected flow: every field and its JSON"),
            ("s d n N p v", "in a flow's detail: add its source, destination, namespaces, port or verdict to the filter"),
            ("n", "show or hide the node column"),
            ("s", "in Talkers: change the sort column"),
            ("?", "this help"),
            ("q, Ctrl-C", "quit"),
        ]
        for (i, (key, text)) in lines.enumerated() where i < height {
            if key.isEmpty {
                screen.put(text, row: top + i, column: 2, style: style(.cyan, bold: true))
            } else {
                screen.put(key, row: top + i, column: 2, width: 24, style: style(nil, bold: true))
                screen.put(text, row: top + i, column: 28)
            }
        }
    }

    // MARK: Helpers

    static func grouped(_ value: UInt64) -> String { NumberText.grouped(value) }

    static func sparkline(_ values: some Collection<UInt64>) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        guard let top = values.max(), top > 0 else { return String(repeating: blocks[0], count: values.count) }
        return String(values.map { blocks[Int((Double($0) / Double(top)) * Double(blocks.count - 1))] })
    }

    /// `3s`, `2m`, `1h` ago.
    static func age(_ seconds: Double) -> String {
        let s = max(0, Int(seconds))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        return "\(s / 3600)h"
    }

    static func seconds(_ flow: Flow) -> Double {
        Double(flow.time.seconds) + Double(flow.time.nanos) / 1e9
    }

    var talkerSortName: String {
        switch talkerSort {
        case .flows: "flows"
        case .drops: "drops"
        case .lastSeen: "last seen"
        case .name: "name"
        }
    }
}
