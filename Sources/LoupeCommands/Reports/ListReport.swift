import FlowClient
import FlowModel
import FlowOutput
import Foundation
import HubbleAPI

/// What `loupe list nodes` and `loupe list namespaces` print: the answers of every server merged
/// (an entry several servers know is listed once), as a table or as the response's JSON.
package enum ListReport {
    /// The nodes of every server, each once.
    package static func nodes(servers settings: ServerSettings, json: Bool, context: CommandContext) async throws {
        let (answers, failure) = try await ServerCall.gather(settings, prefix: "failed to list nodes") { try await $0.nodes() }
        // Several servers may know the same node (a relay and one of its agents): listed once.
        var seen = Set<String>()
        var response = Observer_GetNodesResponse()
        response.nodes = answers.joined().filter { seen.insert($0.name).inserted }
        try context.print(json ? response.hubbleJSONString() + "\n" : nodeTable(response.nodes, now: Date()))
        if let failure { throw failure }
    }

    /// The namespaces of every server, each once, sorted by cluster and name.
    package static func namespaces(servers settings: ServerSettings, json: Bool, context: CommandContext) async throws {
        let (answers, failure) = try await ServerCall.gather(settings, prefix: "failed to list namespaces") { try await $0.namespaces() }
        var seen = Set<[String]>()
        var response = Observer_GetNamespacesResponse()
        response.namespaces = answers.joined().filter { seen.insert([$0.cluster, $0.namespace]).inserted }
            .sorted { ($0.cluster, $0.namespace) < ($1.cluster, $1.namespace) }
        try context.print(json ? response.hubbleJSONString() + "\n" : namespaceTable(response.namespaces))
        if let failure { throw failure }
    }

    /// Whether `output` asks for JSON; a usage error for a format the lists do not have.
    package static func isJSON(_ output: String) throws -> Bool {
        switch output {
        case "table", "tab": return false
        case "json", "jsonpb", "JSON": return true
        default: throw CLIError.usage("invalid output format \"\(output)\": use table or json")
        }
    }

    package static func nodeTable(_ nodes: [Observer_Node], now: Date) -> String {
        var rows = [["NAME", "STATUS", "AGE", "FLOWS/S", "CURRENT/MAX-FLOWS"]]
        for node in nodes.sorted(by: { $0.name < $1.name }) {
            let uptime = Double(node.uptimeNs) / 1e9
            let rate = uptime > 0 ? String(format: "%.1f", Double(node.seenFlows) / uptime) : "N/A"
            var flows = "\(node.numFlows)/\(node.maxFlows)"
            if node.maxFlows > 0 { flows += String(format: " (%6.2f%%)", 100 * Double(node.numFlows) / Double(node.maxFlows)) }
            rows.append([TerminalEscaper.escaped(node.name), state(node.state), StatusReport.duration(node.uptimeNs), rate, flows])
        }
        return columns(rows)
    }

    package static func namespaceTable(_ namespaces: [Observer_Namespace]) -> String {
        let clusters = Set(namespaces.map(\.cluster))
        var rows = clusters.count > 1 ? [["CLUSTER", "NAMESPACE"]] : [["NAMESPACE"]]
        for entry in namespaces {
            let name = TerminalEscaper.escaped(entry.namespace)
            rows.append(clusters.count > 1 ? [TerminalEscaper.escaped(entry.cluster), name] : [name])
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

    /// Left-aligned columns three spaces apart.
    static func columns(_ rows: [[String]]) -> String {
        guard let width = rows.first?.count else { return "" }
        let widths = (0..<width).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == width - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 3)
            }.joined()
        }.joined(separator: "\n") + "\n"
    }
}
