import Foundation
import LoupeTestSupport
import Testing

/// `loupe top --demo` in a real terminal (tmux): rows appear, the filter bar filters, Space pauses,
/// Enter opens a flow, q returns to a clean shell.
@Suite(.serialized) struct TopEndToEndTests {
    static var tmuxAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// A tmux server of its own (`-L`), so that a test neither needs nor disturbs the user's, and
    /// is stopped with the session.
    final class Session: @unchecked Sendable {
        let name = "loupe-test-\(UUID().uuidString.prefix(8))"

        init(width: Int = 120, height: Int = 40) async throws {
            try await tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "env -i PATH=/usr/bin:/bin TERM=tmux-256color LANG=C.UTF-8 HOME=/tmp PS1='$ ' bash --norc --noprofile"])
        }

        /// Stops the tmux server (and the programs in it).
        func close() async { _ = try? await tmux(["kill-server"]) }

        /// Runs `body` in a new session and stops the session's server afterwards, also when `body`
        /// fails.
        static func with(_ body: (Session) async throws -> Void) async throws {
            let session = try await Session()
            do {
                try await body(session)
            } catch {
                await session.close()
                throw error
            }
            await session.close()
        }

        @discardableResult
        func tmux(_ arguments: [String]) async throws -> String {
            let child = try ChildProcess("/usr/bin/tmux", ["-L", name] + arguments, environment: ProcessInfo.processInfo.environment)
            guard await child.wait(timeout: 20) != nil else {
                await child.kill()
                throw LoupeProcess.Failure(description: "tmux \(arguments.joined(separator: " ")) did not end")
            }
            return String(decoding: child.stdout, as: UTF8.self)
        }

        func send(_ keys: String...) async throws { try await tmux(["send-keys", "-t", name] + keys) }
        func type(_ text: String) async throws { try await tmux(["send-keys", "-t", name, "-l", text]) }
        func screen() async throws -> String { try await tmux(["capture-pane", "-p", "-t", name]) }
        func alternateScreen() async throws -> Bool {
            try await tmux(["display-message", "-p", "-t", name, "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
        }

        /// Waits (up to `timeout` seconds) until the screen satisfies `condition`.
        func wait(_ what: String, timeout: Double = 20, _ condition: (String) -> Bool) async throws -> String {
            let deadline = Date().addingTimeInterval(timeout)
            var last = ""
            while Date() < deadline {
                last = try await screen()
                if condition(last) { return last }
                try await Task.sleep(for: .milliseconds(100))
            }
            // A busy test run may wake this task long after the deadline: look once more.
            last = try await screen()
            if condition(last) { return last }
            Issue.record("timed out waiting for \(what); the screen was:\n\(last)")
            return last
        }
    }

    @Test(.enabled(if: tmuxAvailable))
    func theDashboardRunsFiltersPausesShowsDetailAndQuitsCleanly() async throws {
        try await Session.with { session in try await dashboardScenario(session) }
    }

    /// At 80×24: the names have room, the key bar and the connection summary are whole, and the
    /// Nodes view shows each node's rate and buffer.
    @Test(.enabled(if: tmuxAvailable))
    func at80x24NothingIsCutThatMatters() async throws {
        let session = try await Session(width: 80, height: 24)
        do {
            let loupe = LoupeProcess.executable("loupe").path
            try await session.type("\(loupe) top --demo")
            try await session.send("Enter")
            let flows = try await session.wait("flow rows") { $0.contains("echo/echo-5dc8fd6498") && $0.contains("3/3 nodes") }
            let lines = flows.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.contains { $0.hasSuffix("Enter detail n node") || $0.hasSuffix("Enter detail  n node") })
            #expect(lines.contains { $0.hasSuffix("demo: connected · 3/3 nodes") })
            try await session.send("4")
            let nodes = try await session.wait("the nodes' buffers") { screen in
                screen.split(separator: "\n").filter { $0.hasPrefix("kind-worker") && $0.contains("/4,095 (") }.count == 2
            }
            #expect(nodes.contains("kind-control-plane"))
            try await session.send("q")
            _ = try await session.wait("the shell to come back") { $0.split(separator: "\n").last.map { $0.hasPrefix("$") } ?? false }
        } catch {
            await session.close()
            throw error
        }
        await session.close()
    }

    /// The steps of the test, in a session that is closed however they end.
    func dashboardScenario(_ session: Session) async throws {
        let loupe = LoupeProcess.executable("loupe").path
        try await session.type("\(loupe) top --demo")
        try await session.send("Enter")
        _ = try await session.wait("flow rows") { $0.contains("1 Flows") && $0.contains("universe/curl") && $0.contains("FORWARDED") }

        try await session.send("/")
        try await session.type("ns == galaxy and verdict == DROPPED")
        try await session.send("Enter")
        _ = try await session.wait("the filter to apply") { $0.contains("filter: ns == galaxy and verdict == DROPPED") }
        // The capture may catch a frame half drawn: read the screen again once it is complete.
        try await Task.sleep(for: .milliseconds(400))
        let filtered = try await session.screen()
        let rows = filtered.split(separator: "\n").dropFirst(4).dropLast()
        #expect(rows.contains { $0.contains("galaxy/curl") && $0.contains("DROPPED") })
        #expect(rows.allSatisfy { !$0.contains("universe/curl") })

        try await session.send("Space")
        _ = try await session.wait("the pause banner") { $0.contains("PAUSED") && $0.contains("new while paused") }
        try await session.send("Enter")
        _ = try await session.wait("the detail pane") { $0.contains("Flow #") && $0.contains("\"verdict\": \"DROPPED\"") }
        try await session.send("Escape")
        try await session.send("?")
        _ = try await session.wait("the help") { $0.contains("Keys") && $0.contains("switch view") }
        try await session.send("Escape")
        try await session.send("q")
        let shell = try await session.wait("the shell to come back") { screen in
            screen.split(separator: "\n").last.map { $0.hasPrefix("$") } ?? false
        }
        await #expect(try !session.alternateScreen(), "the terminal left curses mode")
        #expect(!shell.contains("PAUSED"))
    }

    @Test func withoutATerminalTopPrintsObserveLines() async throws {
        let result = try await LoupeProcess.run(["top", "--demo", "--last", "3", "--history", "100"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 3)
    }
}
