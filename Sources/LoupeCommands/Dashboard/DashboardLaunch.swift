import Dashboard
import FilterLanguage
import FlowClient
import FlowOutput
import Foundation

/// `loupe top` on a terminal: the dashboard over a capture or servers, until the user quits (or
/// SIGINT, SIGTERM). The terminal is restored on every way out.
package struct DashboardLaunch: Sendable {
    /// The filter flags (pushed to a server) and the expression the dashboard's filter starts with.
    package var flags: FlowFilterSet
    package var initialFilter: String
    /// Flows the views keep, and how many a server sends first.
    package var history: Int
    package var backlog: Int
    package var format: FormatOptions
    package var monochrome: Bool
    /// Longer lines of a capture are skipped and reported.
    package var maximumLineLength = LineReader.defaultMaximumLineLength

    package init(flags: FlowFilterSet, initialFilter: String, history: Int, backlog: Int, format: FormatOptions, monochrome: Bool) {
        self.flags = flags
        self.initialFilter = initialFilter
        self.history = history
        self.backlog = backlog
        self.format = format
        self.monochrome = monochrome
    }

    /// Whether colour is off: `--monochrome`, `--color never`, or NO_COLOR unless `--color always`.
    package static func isMonochrome(flag: Bool, color: String, environment: [String: String]) -> Bool {
        flag || color == "never" || (color != "always" && !(environment["NO_COLOR"] ?? "").isEmpty)
    }

    /// Runs the dashboard on its own thread (curses owns it) while the feed posts to it.
    package func run(inputFile: String?, servers: ServerSettings) async {
        var state = DashboardState(
            size: Size(width: 80, height: 24), now: Date(), filter: initialFilter, historyLimit: history, format: format,
            colors: monochrome ? .monochrome : .color)
        if inputFile != nil {
            // A capture: ages count from its newest flow.
            state.clock = .data
        } else {
            // Servers: the backlog they send first is not counted in the rates.
            state.liveSince = state.now
        }
        let runner = DashboardRunner(pendingLimit: max(20_000, 2 * history))
        var configured = DashboardFeed(runner: runner, history: backlog, flags: flags)
        configured.maximumLineLength = maximumLineLength
        let feed = configured
        let monochrome = self.monochrome
        let initial = state
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await feed.run(inputFile: inputFile, servers: servers) }
            let signals = SignalHandlers { _ in runner.stop() }
            defer { signals.cancel() }
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                Thread {
                    _ = runner.run(initial, monochrome: monochrome)
                    done.resume()
                }.start()
            }
            group.cancelAll()
        }
    }
}
