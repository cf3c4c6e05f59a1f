import FlowClient
import FlowModel
import FlowOutput
import Foundation
import HubbleAPI
import SwiftProtobuf

/// What `loupe status` prints.
package struct StatusReport: Sendable {
    package var server: String
    package var health: Grpc_Health_V1_HealthCheckResponse.ServingStatus
    package var status: Observer_ServerStatusResponse?

    package init(server: String, health: Grpc_Health_V1_HealthCheckResponse.ServingStatus, status: Observer_ServerStatusResponse?) {
        self.server = server
        self.health = health
        self.status = status
    }

    package var text: String {
        let target = server.hasPrefix("tls://") ? String(server.dropFirst(6)) : server
        guard health == .serving, let status else {
            return "Healthcheck (via \(target)): Unavailable: \(health.protoName ?? "UNKNOWN")\n"
        }
        var lines = ["Healthcheck (via \(target)): Ok"]
        var flows = "Current/Max Flows: \(Self.grouped(status.numFlows))/\(Self.grouped(status.maxFlows))"
        if status.maxFlows > 0 {
            flows += " (\(String(format: "%.2f", 100 * Double(status.numFlows) / Double(status.maxFlows)))%)"
        }
        lines.append(flows)
        let uptime = Double(status.uptimeNs) / 1e9
        let rate = status.flowsRate > 0 ? String(format: "%.2f", status.flowsRate)
            : uptime > 0 ? String(format: "%.2f", Double(status.seenFlows) / uptime) : "N/A"
        lines.append("Flows/s: \(rate)")
        if status.hasNumConnectedNodes {
            var nodes = "Connected Nodes: \(status.numConnectedNodes.value)"
            // The reference adds the two uint32s in Go, which wraps; so does this.
            if status.hasNumUnavailableNodes { nodes += "/\(status.numConnectedNodes.value &+ status.numUnavailableNodes.value)" }
            lines.append(nodes)
        }
        if status.hasNumUnavailableNodes, status.numUnavailableNodes.value > 0 {
            lines.append("Unavailable Nodes: \(status.numUnavailableNodes.value)")
            let names = status.unavailableNodes.sorted()
            lines += names.map { "  - \(TerminalEscaper.escaped($0))" }
            if Int(status.numUnavailableNodes.value) > names.count {
                lines.append("  - and \(Int(status.numUnavailableNodes.value) - names.count) more...")
            }
        }
        lines.append("Seen Flows: \(Self.grouped(status.seenFlows))")
        lines.append("Uptime: \(Self.duration(status.uptimeNs))")
        if !status.version.isEmpty { lines.append("Version: \(TerminalEscaper.escaped(status.version))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `4,095`.
    package static func grouped(_ value: UInt64) -> String { NumberText.grouped(value) }

    /// Whole seconds, as Go prints a duration: `1h2m3s`, `4m5s`, `6s`.
    package static func duration(_ nanoseconds: UInt64) -> String {
        GoDuration.string(nanoseconds: nanoseconds / 1_000_000_000 * 1_000_000_000)
    }
}

extension StatusReport {
    /// Asks every server for its health and status and prints, in `format`, what each that answered
    /// said, in the order they were given; fails when one failed or is not healthy. Only `compact`
    /// shows the health checks, as the reference does.
    package static func run(servers settings: ServerSettings, format: StatusFormat = .compact, context: CommandContext) async throws {
        let (reports, failure) = try await ServerCall.gather(settings, prefix: "failed getting status") { connection in
            let health = try await connection.healthCheck()
            guard health == .serving else { return StatusReport(server: connection.server, health: health, status: nil) }
            return StatusReport(server: connection.server, health: health, status: try await connection.serverStatus())
        }
        try context.print(format.render(reports))
        if let failure { throw failure }
        if reports.contains(where: { $0.status == nil }) { throw CLIError.runtime("not healthy") }
    }
}
