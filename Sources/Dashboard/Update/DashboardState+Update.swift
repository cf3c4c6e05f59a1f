import FilterLanguage
import FlowModel
import Foundation
import HubbleAPI
import SwiftProtobuf

extension DashboardState {
    /// The one way the dashboard changes.
    public mutating func apply(_ event: DashboardEvent) {
        switch event {
        case .key(let key): handle(key)
        case .resize(let size):
            self.size = size
            selectedFromBottom = min(selectedFromBottom, max(0, contentHeight - 1))
        case .flows(let envelopes): ingest(envelopes)
        case .tick(let date): advanceClock(to: date)
        case .connection(let server): record(server)
        case .nodes(let nodes): record(nodes)
        case .colors(let colors): self.colors = colors
        case .quit: quit = true
        }
    }

    /// Rows left for a view's content: the header, the column titles and the footer take four.
    public var contentHeight: Int { max(1, size.height - 5 - filterErrorLines) }

    /// Lines the filter bar's diagnostic takes above the footer.
    var filterErrorLines: Int {
        guard let error = filterBar?.error else { return 0 }
        return min(4, error.split(separator: "\n", omittingEmptySubsequences: false).count)
    }

    mutating func handle(_ key: Key) {
        if key == .control("c") {
            quit = true
            return
        }
        if filterBar != nil {
            editFilter(key)
            return
        }
        if showHelp {
            if key == .escape || key == .character("?") || key == .enter { showHelp = false }
            if key == .character("q") { quit = true }
            return
        }
        if detail != nil {
            handleDetail(key)
            return
        }
        note = nil
        switch key {
        case .character("q"): quit = true
        case .character("?"): showHelp = true
        case .character("/"): openFilterBar()
        case .tab: view = View(rawValue: view.rawValue % View.allCases.count + 1)!
        case .backTab: view = View(rawValue: (view.rawValue + View.allCases.count - 2) % View.allCases.count + 1)!
        case .character(let c) where ("1"..."5").contains(c): view = View(rawValue: Int(String(c))!)!
        default:
            switch view {
            case .flows: handleFlows(key)
            case .talkers: handleTalkers(key)
            case .drops, .nodes, .map: break
            }
        }
    }

    // MARK: Flows

    mutating func handleFlows(_ key: Key) {
        let height = contentHeight
        switch key {
        case .character(" "):
            if pausedAt == nil {
                pausedAt = received
            } else {
                pausedAt = nil
            }
        case .character("n"): showNode.toggle()
        case .up: move(by: -1, height: height)
        case .down: move(by: 1, height: height)
        case .pageUp: move(by: -height, height: height)
        case .pageDown: move(by: height, height: height)
        case .home:
            let rows = visibleFlows(limit: historyLimit)
            selected = rows.first?.sequence
            selectedFromBottom = min(height - 1, max(0, rows.count - 1))
        case .end:
            selected = nil
            selectedFromBottom = 0
        case .enter:
            let target = selected ?? visibleFlows(limit: 1).last?.sequence
            if let target {
                detail = target
                detailScroll = 0
            }
        case .escape:
            selected = nil
            selectedFromBottom = 0
        default: break
        }
    }

    /// Moves the selection; selecting past the newest row follows the stream again.
    mutating func move(by delta: Int, height: Int) {
        let rows = visibleFlows(limit: historyLimit)
        guard !rows.isEmpty else { return }
        let current = selected.flatMap { s in rows.lastIndex { $0.sequence <= s } } ?? rows.count - 1
        let target = current + delta
        if target >= rows.count - 1 && delta > 0 {
            selected = nil
            selectedFromBottom = 0
            return
        }
        let index = max(0, min(rows.count - 1, target))
        selected = rows[index].sequence
        selectedFromBottom = max(0, min(height - 1, selectedFromBottom - (index - current)))
        selectedFromBottom = min(selectedFromBottom, index)
    }

    // MARK: Talkers

    mutating func handleTalkers(_ key: Key) {
        if key == .character("s") {
            talkerSort = TalkerSort(rawValue: (talkerSort.rawValue + 1) % TalkerSort.allCases.count)!
        }
    }

    // MARK: Detail

    mutating func handleDetail(_ key: Key) {
        switch key {
        case .escape, .enter, .backspace: detail = nil
        case .character("q"): quit = true
        case .up: detailScroll = max(0, detailScroll - 1)
        case .down: detailScroll += 1
        case .pageUp: detailScroll = max(0, detailScroll - contentHeight)
        case .pageDown: detailScroll += contentHeight
        case .home: detailScroll = 0
        case .character(let c):
            guard let sequence = detail, let flow = stored(sequence)?.flow, let clause = Self.clause(c, for: flow) else { return }
            let text = filterText.isEmpty ? clause : "(\(filterText)) and \(clause)"
            do {
                try setFilter(text)
                note = "filter: \(text)"
                detail = nil
            } catch {
                note = "cannot add \(clause) to the filter"
            }
        default: break
        }
    }

    /// The filter condition a detail-pane key adds for this flow.
    static func clause(_ key: Character, for flow: Flow) -> String? {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        func pod(_ endpoint: Flow_Endpoint) -> String? {
            guard !endpoint.podName.isEmpty else { return nil }
            return endpoint.namespace.isEmpty ? endpoint.podName : "\(endpoint.namespace)/\(endpoint.podName)"
        }
        switch key {
        case "s": return pod(flow.source).map { "src.pod == \(quoted($0))" } ?? (flow.ip.source.isEmpty ? nil : "src.ip == \(flow.ip.source)")
        case "d": return pod(flow.destination).map { "dst.pod == \(quoted($0))" } ?? (flow.ip.destination.isEmpty ? nil : "dst.ip == \(flow.ip.destination)")
        case "n": return flow.source.namespace.isEmpty ? nil : "src.ns == \(quoted(flow.source.namespace))"
        case "N": return flow.destination.namespace.isEmpty ? nil : "dst.ns == \(quoted(flow.destination.namespace))"
        case "p":
            switch flow.l4.protocol {
            case .tcp(let tcp)?: return "dst.port == \(tcp.destinationPort)"
            case .udp(let udp)?: return "dst.port == \(udp.destinationPort)"
            case .sctp(let sctp)?: return "dst.port == \(sctp.destinationPort)"
            default: return nil
            }
        case "v": return flow.verdict.protoName.map { "verdict == \($0)" }
        default: return nil
        }
    }

    // MARK: Filter bar

    mutating func openFilterBar() {
        filterBar = FilterBar(text: filterText)
    }

    mutating func editFilter(_ key: Key) {
        guard var bar = filterBar else { return }
        var chars = Array(bar.text)
        switch key {
        case .escape:
            filterBar = nil
            return
        case .enter:
            do {
                try setFilter(bar.text)
                filterBar = nil
                note = filterText.isEmpty ? "filter cleared" : "filter: \(filterText)"
                selected = nil
                selectedFromBottom = 0
            } catch {
                bar.error = error.diagnostics.first.map { $0.rendered(in: error.source) }
                filterBar = bar
            }
            return
        case .character(let c):
            chars.insert(c, at: bar.cursor)
            bar.cursor += 1
        case .backspace:
            if bar.cursor > 0 {
                chars.remove(at: bar.cursor - 1)
                bar.cursor -= 1
            }
        case .delete:
            if bar.cursor < chars.count { chars.remove(at: bar.cursor) }
        case .left: bar.cursor = max(0, bar.cursor - 1)
        case .right: bar.cursor = min(chars.count, bar.cursor + 1)
        case .home, .control("a"): bar.cursor = 0
        case .end, .control("e"): bar.cursor = chars.count
        case .control("u"):
            chars.removeAll()
            bar.cursor = 0
        case .up, .down:
            guard !filterHistory.isEmpty else { return }
            if bar.historyIndex == nil { bar.draft = bar.text }
            var index = bar.historyIndex ?? filterHistory.count
            index += key == .up ? -1 : 1
            if index >= filterHistory.count {
                bar.historyIndex = nil
                chars = Array(bar.draft)
            } else {
                index = max(0, index)
                bar.historyIndex = index
                chars = Array(filterHistory[index])
            }
            bar.cursor = chars.count
        default:
            return
        }
        bar.text = String(chars)
        // Compiled as typed: the bar shows the problem, the table keeps the last valid filter.
        let trimmed = bar.text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            bar.error = nil
        } else {
            do {
                _ = try FilterExpression(trimmed, now: Google_Protobuf_Timestamp(date: now))
                bar.error = nil
            } catch {
                bar.error = error.diagnostics.first.map { $0.rendered(in: error.source) }
            }
        }
        filterBar = bar
    }
}
