import Dashboard
import FilterLanguage
import FlowClient
import FlowModel
import Foundation
import GRPCCore

/// Feeds the dashboard: the flow stream (a server followed live, the demo agent, or a file read
/// whole) and, for a server, its status every two seconds.
struct DashboardFeed: Sendable {
    let runner: DashboardRunner
    let history: Int
    let filters: FlowFilterSet

    func run(inputFile: String?, server: ServerOptions) async {
        if let inputFile {
            await readFile(inputFile)
            return
        }
        let name = server.demo ? "demo" : ((try? server.address(environment: ProcessInfo.processInfo.environment))?.text ?? "?")
        runner.post(.connection(ServerState(server: name, connection: .connecting)))
        var request = FlowRequest(selection: FlowSelection(count: .last(UInt64(history))), follow: true, countGiven: true, all: false)
        request.allow = filters.allow
        request.deny = filters.deny
        let message = request.message
        let runner = self.runner
        do {
            try await ServerCall.run(server) { connection in
                runner.post(.connection(ServerState(server: name, connection: .connected)))
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { await Self.pollStatus(connection, name: name, runner: runner) }
                    group.addTask {
                        try await connection.flows(message) { messages in
                            for try await envelope in messages { runner.post(.flows([envelope])) }
                        }
                    }
                    defer { group.cancelAll() }
                    try await group.next()
                }
                runner.post(.connection(ServerState(server: name, connection: .closed, message: "the server ended the stream")))
            }
        } catch let error as CLIError {
            runner.post(.connection(ServerState(server: name, connection: error.status == .unreachable ? .unavailable : .error, message: error.message)))
        } catch {
            runner.post(.connection(ServerState(server: name, connection: .error, message: "\(error)")))
        }
    }

    static func pollStatus(_ connection: any ObserverCalls, name: String, runner: DashboardRunner) async {
        while !Task.isCancelled {
            if let status = try? await connection.serverStatus() {
                var state = ServerState(server: name, connection: .connected)
                state.numFlows = status.numFlows
                state.maxFlows = status.maxFlows
                state.flowsRate = status.flowsRate
                state.version = status.version
                runner.post(.connection(state))
            }
            try? await Task.sleep(for: .seconds(2))
        }
    }

    func readFile(_ path: String) async {
        let source = FileFlowSource(path: path)
        let runner = self.runner
        let filters = self.filters
        runner.post(.connection(ServerState(server: source.displayName, connection: .connecting)))
        do {
            let summary = try await source.run(
                selection: FlowSelection(), accept: { envelope in
                    guard case .flow(let flow)? = envelope.responseTypes else { return true }
                    return filters.matches(flow)
                }, transform: { $0 }, report: { _ in }, deliver: { runner.post(.flows([$0])) })
            var state = ServerState(server: source.displayName, connection: .closed, message: "read \(summary.delivered) records")
            if summary.badLines > 0 { state.message! += ", \(summary.badLines) unreadable lines skipped" }
            runner.post(.connection(state))
        } catch {
            runner.post(.connection(ServerState(server: source.displayName, connection: .error, message: "\(error)")))
        }
    }
}
