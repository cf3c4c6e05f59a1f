import ArgumentParser
import FlowClient
import FlowModel
import FlowOutput
import Foundation

/// `loupe list nodes` and `loupe list namespaces`.
struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the nodes a server knows, or the namespaces its flows came from.",
        subcommands: [Nodes.self, Namespaces.self])

    struct Nodes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the nodes behind a server (GetNodes: Hubble Relay and loupe-agent answer it; a Cilium agent does not).")

        @OptionGroup(title: "Server")
        var serverOptions: ServerOptions

        @Option(name: [.short, .long], help: ArgumentHelp("Output format: table, json (or jsonpb).", valueName: "FORMAT"))
        var output = "table"

        func run() async throws {
            let json = try List.isJSON(output)
            let nodes = try await ServerCall.run(serverOptions, prefix: "failed to list nodes") { try await $0.nodes() }
            var response = Observer_GetNodesResponse()
            response.nodes = nodes
            try List.print(json ? response.hubbleJSONString() + "\n" : Self.table(nodes, now: Date()))
        }

        static func table(_ nodes: [Observer_Node], now: Date) -> String {
            var rows = [["NAME", "STATUS", "AGE", "FLOWS/S", "CURRENT/MAX-FLOWS"]]
            for node in nodes.sorted(by: { $0.name < $1.name }) {
                let uptime = Double(node.uptimeNs) / 1e9
                let rate = uptime > 0 ? String(format: "%.1f", Double(node.seenFlows) / uptime) : "N/A"
                var flows = "\(node.numFlows)/\(node.maxFlows)"
                if node.maxFlows > 0 { flows += String(format: " (%6.2f%%)", 100 * Double(node.numFlows) / Double(node.maxFlows)) }
                rows.append([
                    TerminalEscaper.escaped(node.name), List.state(node.state), StatusReport.duration(node.uptimeNs), rate, flows,
                ])
            }
            return List.columns(rows)
        }
    }

    struct Namespaces: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the namespaces seen in flows during the last hour (GetNamespaces).")

        @OptionGroup(title: "Server")
        var serverOptions: ServerOptions

        @Option(name: [.short, .long], help: ArgumentHelp("Output format: table, json (or jsonpb).", valueName: "FORMAT"))
        var output = "table"

        func run() async throws {
            let json = try List.isJSON(output)
            let namespaces = try await ServerCall.run(serverOptions, prefix: "failed to list namespaces") { try await $0.namespaces() }
            var response = Observer_GetNamespacesResponse()
            response.namespaces = namespaces
            if json {
                try List.print(response.hubbleJSONString() + "\n")
                return
            }
            let clusters = Set(namespaces.map(\.cluster))
            var rows = clusters.count > 1 ? [["CLUSTER", "NAMESPACE"]] : [["NAMESPACE"]]
            for entry in namespaces {
                let name = TerminalEscaper.escaped(entry.namespace)
                rows.append(clusters.count > 1 ? [TerminalEscaper.escaped(entry.cluster), name] : [name])
            }
            try List.print(List.columns(rows))
        }
    }

    static func isJSON(_ output: String) throws -> Bool {
        switch output {
        case "table", "tab": return false
        case "json", "jsonpb", "JSON": return true
        default: throw CLIError.usage("invalid output format \"\(output)\": use table or json")
        }
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

    /// Left-aligned columns two spaces apart.
    static func columns(_ rows: [[String]]) -> String {
        guard let width = rows.first?.count else { return "" }
        let widths = (0..<width).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == width - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 3)
            }.joined()
        }.joined(separator: "\n") + "\n"
    }

    static func print(_ text: String) throws {
        var sink = OutputSink()
        sink.buffers.stdout.append(contentsOf: Array(text.utf8))
        try sink.flush()
    }
}
