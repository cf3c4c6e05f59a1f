import Foundation
import LoupeTestSupport
import Testing

/// `loupe top --demo` in a real terminal (tmux): rows appear, the filter bar filters, Space pauses,
/// Enter opens a flow, q returns to a clean shell.
@Suite(.serialized) struct TopEndToEndTests {
    static var tmuxAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// A tmux server of its own (`-L`), so that a test neither needs nor disturbs the user's, and
    /// is stopped with the session.
    final class Session {
        let name = "loupe-test-\(UUID().uuidString.prefix(8))"

        init(width: Int = 120, height: Int = 40) throws {
            try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "env -i PATH=/usr/bin:/bin TERM=tmux-256color LANG=C.UTF-8 HOME=/tmp PS1='$ ' bash --norc --noprofile"])
        }

        deinit { _ = try? tmux(["kill-server"]) }

        @discardableResult
        func tmux(_ arguments: [String]) throws -> String {
            let child = try ChildProcess("/usr/bin/tmux", ["-L", name] + arguments, environment: ProcessInfo.processInfo.environment)
            guard child.wait(timeout: 20) != nil else {
                child.kill()
                throw LoupeProcess.Failure(description: "tmux \(arguments.joined(separator: " ")) did not end")
            }
            return String(decoding: child.stdout, as: UTF8.self)
        }

        func send(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }
        func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }
        func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }
        func alternateScreen() throws -> Bool {
            try tmux(["display-message", "-p", "-t", name, "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
        }

        /// Waits (up to `timeout` seconds) until the screen satisfies `condition`.
        func wait(_ what: String, timeout: Double = 20, _ condition: (String) -> Bool) throws -> String {
            let deadline = Date().addingTimeInterval(timeout)
            var last = ""
            while Date() < deadline {
                last = try screen()
                if condition(last) { return last }
                usleep(100_000)
            }
            Issue.record("timed out waiting for \(what); the screen was:\n\(last)")
            return last
        }
    }

    @Test(.enabled(if: tmuxAvailable))
    func theDashboardRunsFiltersPausesShowsDetailAndQuitsCleanly() throws {
        let session = try Session()
        let loupe = LoupeProcess.executable("loupe").path
        try session.type("\(loupe) top --demo")
        try session.send("Enter")
        _ = try session.wait("flow rows") { $0.contains("1 Flows") && $0.contains("universe/curl") && $0.contains("FORWARDED") }

        try session.send("/")
        try session.type("ns == galaxy and verdict == DROPPED")
        try session.send("Enter")
        _ = try session.wait("the filter to apply") { $0.contains("filter: ns == galaxy and verdict == DROPPED") }
        // The capture may catch a frame half drawn: read the screen again once it is complete.
        usleep(400_000)
        let filtered = try session.screen()
        let rows = filtered.split(separator: "\n").dropFirst(4).dropLast()
        #expect(rows.contains { $0.contains("galaxy/curl") && $0.contains("DROPPED") })
        #expect(rows.allSatisfy { !$0.contains("universe/curl") })

        try session.send("Space")
        _ = try session.wait("the pause banner") { $0.contains("PAUSED") && $0.contains("new while paused") }
        try session.send("Enter")
        _ = try session.wait("the detail pane") { $0.contains("Flow #") && $0.contains("\"verdict\": \"DROPPED\"") }
        try session.send("Escape")
        try session.send("?")
        _ = try session.wait("the help") { $0.contains("Keys") && $0.contains("switch view") }
        try session.send("Escape")
        try session.send("q")
        let shell = try session.wait("the shell to come back") { screen in
            screen.split(separator: "\n").last.map { $0.hasPrefix("$") } ?? false
        }
        #expect(try !session.alternateScreen(), "the terminal left curses mode")
        #expect(!shell.contains("PAUSED"))
    }

    @Test func withoutATerminalTopPrintsObserveLines() throws {
        let result = try LoupeProcess.run(["top", "--demo", "--last", "3", "--history", "100"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 3)
    }
}
