import FlowModel
import FlowOutput
import HubbleAPI
import SwiftProtobuf

/// The map as aligned columns: who, to whom, on which port, how many flows were forwarded, dropped
/// or otherwise (traced, translated, …), when last, and the details: why drops happened, the
/// policies the flows name, the layer 7 requests.
extension EdgeStats {
    /// Drop reasons, policies and requests, as the table's DETAILS column writes them.
    public var details: String { MapTable.details(self) }
}

enum MapTable {
    static let header = ["SOURCE", "DESTINATION", "PORT", "FORWARDED", "DROPPED", "OTHER", "LAST SEEN", "DETAILS"]

    static func render(_ map: TrafficMap) -> String {
        var rows = [header]
        for (key, stats) in map.sortedEdges {
            rows.append([
                TerminalEscaper.escaped(key.source.label), TerminalEscaper.escaped(key.destination.label), key.portLabel,
                String(stats.count(.forwarded)), String(stats.count(.dropped)), String(stats.otherVerdicts),
                lastSeen(stats.lastSeen), TerminalEscaper.escaped(details(stats)),
            ])
        }
        return aligned(rows)
    }

    /// Drop reasons (most frequent first), the policies, the requests (most frequent first, with
    /// how many more there were), separated by `; `.
    static func details(_ stats: EdgeStats) -> String {
        var parts: [String] = []
        for (code, count) in stats.dropReasons.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            parts.append("\(DropReasonText.text(UInt8(truncatingIfNeeded: code)) ?? "drop reason \(code)") ×\(count)")
        }
        parts += stats.policies.sorted().map(\.label)
        let requests = stats.requests.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        parts += requests.map { "\($0.key) ×\($0.value)" }
        if stats.otherRequests > 0 { parts.append("\(stats.otherRequests) more requests") }
        return parts.joined(separator: "; ")
    }

    /// `Oct  4 11:24:05`, as compact output stamps a flow (to the second); `-` without a time.
    static func lastSeen(_ nanoseconds: Int64) -> String {
        guard nanoseconds != 0 else { return "-" }
        let time = Google_Protobuf_Timestamp(seconds: nanoseconds / 1_000_000_000, nanos: Int32(nanoseconds % 1_000_000_000))
        return TimeLayout.stampMilli.format(time).split(separator: ".").first.map(String.init) ?? "-"
    }

    /// Columns two spaces apart, the last one unpadded; widths counted in characters.
    static func aligned(_ rows: [[String]]) -> String {
        var widths = [Int](repeating: 0, count: rows.first?.count ?? 0)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        var out = ""
        for row in rows {
            var line = ""
            for (index, cell) in row.enumerated() {
                if index == row.count - 1 {
                    line += cell
                } else {
                    line += cell + String(repeating: " ", count: widths[index] - cell.count + 2)
                }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
