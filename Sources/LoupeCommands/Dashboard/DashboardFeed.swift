import Dashboard
import FilterLanguage
import FlowClient
import FlowModel
import Foundation
import GRPCCore
import HubbleAPI

/// Feeds the dashboard: the flow stream (a server followed live, the demo agent, or a file read
/// whole) and, for a server, its status and its nodes every two seconds.
package struct DashboardFeed: Sendable {
    package let runner: DashboardRunner
    /// The flows the views start with, and the filter flags (pushed to a server).
    package let query: FlowQuery
    /// Longer lines of a capture are skipped and reported.
    package var maximumLineLength = LineReader.defaultMaximumLineLength

    /// - Parameters:
    ///   - history: how many flows a server sends first.
    ///   - flags: the filter flags; the dashboard's expression is applied by the dashboard itself.
    package init(runner: DashboardRunner, history: Int, flags: FlowFilterSet) {
        self.runner = runner
        query = FlowQuery(flags: flags, selection: FlowSelection(count: .last(UInt64(history))), follow: true, countGiven: true)
    }

    /// Feeds the dashboard from `inputFile`, or else from the servers of `settings`.
    package func run(inputFile: String?, servers settings: ServerSettings) async {
        if let inputFile {
            await readFile(inputFile)
            return
        }
        let sources = ServerCall.sources(settings)
        for source in sources { runner.post(.connection(ServerState(server: source.name, connection: .connecting))) }
        let runner = self.runner
        let query = self.query
        let source = ServerFlowSource(sources: sources, merge: settings.merge) { event in
            switch event {
            case .connected(let source, _):
                runner.post(.connection(ServerState(server: source, connection: .connected)))
            case .unavailable(let source, let error, let retryIn):
                var message = error.description
                if let retryIn { message += " (retrying in \(retryIn.formatted(.units(allowed: [.seconds, .milliseconds], width: .narrow))))" }
                runner.post(.connection(ServerState(
                    server: source, connection: error.code == .unavailable ? .unavailable : .error, message: message)))
            }
        }
        await withTaskGroup(of: Void.self) { group in
            for source in sources {
                group.addTask { await Self.pollStatus(source, runner: runner) }
            }
            group.addTask {
                do {
                    var sink = RunnerSink(runner: runner)
                    let outcome = try await source.read(query, into: &sink)
                    for (source, ending) in zip(sources, outcome.endings) {
                        if case .completed = ending {
                            runner.post(.connection(ServerState(server: source.name, connection: .closed, message: "the server ended the stream")))
                        }
                    }
                } catch {
                    runner.post(.connection(ServerState(server: "loupe", connection: .error, message: "\(error)")))
                }
            }
            await group.next()
            group.cancelAll()
        }
    }

    /// The server's status and nodes every two seconds, over a connection of its own.
    package static func pollStatus(_ source: FanIn.Source, runner: DashboardRunner) async {
        while !Task.isCancelled {
            try? await source.connect { connection in
                while !Task.isCancelled {
                    let status = try await connection.serverStatus()
                    var state = ServerState(server: source.name, connection: .connected)
                    state.numFlows = status.numFlows
                    state.maxFlows = status.maxFlows
                    state.flowsRate = status.flowsRate
                    state.version = status.version
                    runner.post(.connection(state))
                    // The nodes behind it and their buffers (a relay, or an agent serving several
                    // nodes; a Cilium agent does not answer GetNodes).
                    if let nodes = try? await connection.nodes(), !nodes.isEmpty {
                        runner.post(.nodes(nodes.map(NodeState.init)))
                    }
                    try await Task.sleep(for: .seconds(2))
                }
            }
            try? await Task.sleep(for: .seconds(2))
        }
    }

    /// Every record of a capture, a batch at a time; the connection line tells how it went.
    package func readFile(_ path: String) async {
        let source = FileFlowSource(path: path, maximumLineLength: maximumLineLength)
        runner.post(.connection(ServerState(server: source.displayName, connection: .connecting)))
        var whole = query
        whole.selection = FlowSelection()
        whole.follow = false
        var sink = RunnerSink(runner: runner)
        do {
            let summary = try await source.read(whole, into: &sink)
            var state = ServerState(server: source.displayName, connection: .closed, message: "read \(summary.delivered) records")
            if summary.badLines > 0 { state.message! += ", \(summary.badLines) unreadable lines skipped" }
            runner.post(.connection(state))
        } catch {
            runner.post(.connection(ServerState(server: source.displayName, connection: .error, message: "\(error)")))
        }
    }
}
