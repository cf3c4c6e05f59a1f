import FlowModel
import FlowOutput
import Foundation
import HubbleAPI
import SwiftProtobuf

/// The formats of `loupe status`, as `hubble status -o` has them: `compact` (the health check, then
/// the buffer, rate and nodes), `dict`, `table` and `json` (the ServerStatusResponse).
package enum StatusFormat: String, Sendable, CaseIterable {
    case compact, dict, table, json

    /// The format named by `-o`; a usage error for a format it does not have.
    package static func named(_ name: String) throws -> StatusFormat {
        switch name {
        case "compact": return .compact
        case "dict": return .dict
        case "table", "tab": return .table
        case "json", "JSON", "jsonpb": return .json
        default: throw CLIError.usage("invalid output format \"\(name)\": use compact, dict, table or json")
        }
    }

    /// The answers of healthy servers in this format (`compact` is `StatusReport.text`).
    func render(_ reports: [StatusReport]) -> String {
        let statuses = reports.compactMap(\.status)
        switch self {
        case .compact:
            return reports.map(\.text).joined(separator: "\n")
        case .json:
            return statuses.map { $0.hubbleJSONString() + "\n" }.joined()
        case .dict:
            return statuses.map { status in
                let values = Self.values(status)
                return [
                    "          NUM FLOWS: ", "          MAX FLOWS: ", "         SEEN FLOWS: ", "   FLOWS PER SECOND: ",
                    "             UPTIME: ", "NUM CONNECTED NODES: ", " NUM UNAVAIL. NODES: ", "            VERSION: ",
                ].enumerated().map { $0.element + values[$0.offset] + "\n" }.joined()
            }.joined(separator: "\n")
        case .table:
            let header = [
                "NUM FLOWS", "MAX FLOWS", "SEEN FLOWS", "FLOWS PER SECOND", "UPTIME", "NUM CONNECTED NODES", "NUM UNAVAILABLE NODES",
                "VERSION",
            ]
            return ListReport.columns([header] + statuses.map(Self.values))
        }
    }

    /// The reference printer's values, in its order: counts grouped by thousands, the server's rate
    /// (`N/A` when it sends none), the uptime as a Go duration, the node counts (`N/A` when absent),
    /// the version.
    static func values(_ status: Observer_ServerStatusResponse) -> [String] {
        [
            NumberText.grouped(status.numFlows), NumberText.grouped(status.maxFlows), NumberText.grouped(status.seenFlows),
            status.flowsRate > 0 ? String(format: "%.2f", status.flowsRate) : "N/A",
            GoDuration.string(nanoseconds: status.uptimeNs),
            status.hasNumConnectedNodes ? "\(status.numConnectedNodes.value)" : "N/A",
            status.hasNumUnavailableNodes ? "\(status.numUnavailableNodes.value)" : "N/A",
            TerminalEscaper.escaped(status.version),
        ]
    }
}
