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
            let (answers, failure) = try await ServerCall.gather(serverOptions, prefix: "failed to list nodes") { try await $0.nodes() }
            // Several servers may know the same node (a relay and one of its agents): listed once.
            var seen = Set<String>()
            let nodes = answers.joined().filter { seen.insert($0.name).inserted }
            var response = Observer_GetNodesResponse()
            response.nodes = Array(nodes)
            try List.print(json ? response.hubbleJSONString() + "\n" : Self.table(response.nodes, now: Date()))
            if let failure { throw failure }
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
            let (answers, failure) = try await ServerCall.gather(serverOptions, prefix: "failed to list namespaces") { try await $0.namespaces() }
            var seen = Set<[String]>()
            let namespaces = answers.joined().filter { seen.insert([$0.cluster, $0.namespace]).inserted }
                .sorted { ($0.cluster, $0.namespace) < ($1.cluster, $1.namespace) }
            var response = Observer_GetNamespacesResponse()
            response.namespaces = namespaces
            try List.print(json ? response.hubbleJSONString() + "\n" : Self.table(namespaces))
            if let failure { throw failure }
        }

        static func table(_ namespaces: [Observer_Namespace]) -> String {
            let clusters = Set(namespaces.map(\.cluster))
            var rows = clusters.count > 1 ? [["CLUSTER", "NAMESPACE"]] : [["NAMESPACE"]]
            for entry in namespaces {
                let name = TerminalEscaper.escaped(entry.namespace)
                rows.append(clusters.count > 1 ? [TerminalEscaper.escaped(entry.cluster), name] : [name])
            }
            return List.columns(rows)
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
