import FlowClient
import FlowModel
import FlowOutput
import Foundation
import HubbleAPI

/// What `loupe list nodes` and `loupe list namespaces` print: the answers of every server merged
/// (an entry several servers know is listed once), as a table or as the response's JSON.
package enum ListReport {
    /// `-o` of the lists, as `hubble list` has them.
    package enum Format: String, Sendable, CaseIterable {
        /// Columns.
        case table
        /// Columns, and the version, address and TLS of nodes or the cluster of namespaces.
        case wide
        /// The entries as an indented JSON array, as Go's `json.MarshalIndent` writes it.
        case json

        package static func named(_ name: String) throws -> Format {
            switch name {
            case "table", "tab": return .table
            case "wide": return .wide
            case "json", "jsonpb", "JSON": return .json
            default: throw CLIError.usage("invalid output format \"\(name)\": use table, wide or json")
            }
        }
    }

    /// The nodes of every server, each once, sorted by name.
    package static func nodes(servers settings: ServerSettings, format: Format, context: CommandContext) async throws {
        let (answers, failure) = try await ServerCall.gather(settings, prefix: "failed to list nodes") { try await $0.nodes() }
        // Several servers may know the same node (a relay and one of its agents): listed once.
        var seen = Set<String>()
        let nodes = answers.joined().filter { seen.insert($0.name).inserted }.sorted { $0.name < $1.name }
        try context.print(format == .json ? json(nodes.map { $0.hubbleJSONString() }) : nodeTable(nodes, wide: format == .wide))
        if let failure { throw failure }
    }

    /// The namespaces of every server, each once, sorted by cluster and name.
    package static func namespaces(servers settings: ServerSettings, format: Format, context: CommandContext) async throws {
        let (answers, failure) = try await ServerCall.gather(settings, prefix: "failed to list namespaces") { try await $0.namespaces() }
        var seen = Set<[String]>()
        let namespaces = answers.joined().filter { seen.insert([$0.cluster, $0.namespace]).inserted }
            .sorted { ($0.cluster, $0.namespace) < ($1.cluster, $1.namespace) }
        try context.print(format == .json ? json(namespaces.map { $0.hubbleJSONString() }) : namespaceTable(namespaces, wide: format == .wide))
        if let failure { throw failure }
    }

    /// An indented array of the entries' JSON; `null` for none (Go's encoding of an empty answer).
    static func json(_ entries: [String]) -> String {
        guard !entries.isEmpty else { return "null\n" }
        return GoJSONIndent.indent("[" + entries.joined(separator: ",") + "]") + "\n"
    }

    /// The reference's columns: the age is the uptime rounded to the second, the rate the flows
    /// seen over it (`N/A` when it rounds to nothing).
    package static func nodeTable(_ nodes: [Observer_Node], wide: Bool) -> String {
        var header = ["NAME", "STATUS", "AGE", "FLOWS/S", "CURRENT/MAX-FLOWS"]
        if wide { header += ["VERSION", "ADDRESS", "TLS"] }
        var rows = [header]
        for node in nodes {
            let seconds = (node.uptimeNs + 500_000_000) / 1_000_000_000
            let age = seconds > 0 ? GoDuration.string(nanoseconds: seconds * 1_000_000_000) : "N/A"
            let rate = seconds > 0 ? String(format: "%.2f", Double(node.seenFlows) / Double(seconds)) : "N/A"
            let flows = node.maxFlows > 0
                ? "\(node.numFlows)/\(node.maxFlows)" + String(format: " (%6.2f%%)", 100 * Double(node.numFlows) / Double(node.maxFlows)) : "N/A"
            var row = [TerminalEscaper.escaped(node.name), state(node.state), age, rate, flows]
            if wide {
                let tls = node.hasTls ? (node.tls.enabled ? "Enabled" : "Disabled") : "N/A"
                row += [node.version.isEmpty ? "N/A" : TerminalEscaper.escaped(node.version), TerminalEscaper.escaped(node.address), tls]
            }
            rows.append(row)
        }
        return columns(rows)
    }

    package static func namespaceTable(_ namespaces: [Observer_Namespace], wide: Bool) -> String {
        var rows = [wide ? ["NAMESPACE", "CLUSTER"] : ["NAMESPACE"]]
        for entry in namespaces {
            let name = TerminalEscaper.escaped(entry.namespace)
            rows.append(wide && !entry.cluster.isEmpty ? [name, TerminalEscaper.escaped(entry.cluster)] : [name])
        }
        return columns(rows)
    }

    static func state(_ state: Relay_NodeState) -> String {
        switch state {
        case .nodeConnected: "Connected"
        case .nodeUnavailable: "Unavailable"
        case .nodeGone: "Gone"
        case .nodeError: "Error"
        default: "Unknown"
        }
    }

    /// Left-aligned columns three spaces apart, as Go's tab writer aligns them (the last cell of a
    /// row is not padded; a row may have fewer cells).
    static func columns(_ rows: [[String]]) -> String {
        let width = rows.map(\.count).max() ?? 0
        let widths = (0..<width).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 3)
            }.joined()
        }.joined(separator: "\n") + "\n"
    }
}
