import Foundation
import LoupeTestSupport
import Testing

/// Several agents merged, an agent lost and back mid-follow, exit statuses, and a reader that stalls.
@Suite(.serialized) struct ClusterStreamingEndToEndTests {
    static func agent(_ extra: [String], listen: String = "127.0.0.1:0") throws -> (BackgroundProcess, String) {
        let agent = try BackgroundProcess(
            ["serve", "--scenario", ServerEndToEndTests.scenario, "--listen", listen] + extra, product: "loupe-agent")
        guard let line = agent.waitForStderr(containing: "serving"), let at = line.range(of: "127.0.0.1:") else {
            throw LoupeProcess.Failure(description: "the agent did not start: \(agent.stderrLines)")
        }
        return (agent, "127.0.0.1:" + line[at.upperBound...])
    }

    /// `"time":"…"` of a JSON line's flow, and its `"uuid"`.
    static func field(_ name: String, of line: Substring) -> String? {
        line.firstRange(of: "\"\(name)\":\"").flatMap { start in
            line[start.upperBound...].firstIndex(of: "\"").map { String(line[start.upperBound..<$0]) }
        }
    }

    @Test func lastIsPerServerAndTheMergeIsInTimeOrder() throws {
        let (a, first) = try Self.agent(["--node", "kind-worker", "--seed", "1"])
        let (b, second) = try Self.agent(["--node", "kind-worker2", "--seed", "2"])
        defer {
            a.signal(SIGTERM)
            b.signal(SIGTERM)
        }
        let result = try LoupeProcess.run(["observe", "--server", first, "--server", second, "--last", "6", "-o", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 12)
        let times = lines.compactMap { Self.field("time", of: $0) }
        #expect(times.count == 12 && times == times.sorted())
        #expect(lines.filter { $0.contains("\"node_name\":\"kind-kind/kind-worker\"") }.count == 6)
        #expect(lines.filter { $0.contains("\"node_name\":\"kind-kind/kind-worker2\"") }.count == 6)
    }

    @Test func exitStatusSaysWhetherAnythingCouldBeReached() throws {
        let none = try LoupeProcess.run(["observe", "--server", "127.0.0.1:1", "--server", "127.0.0.1:2"])
        #expect(none.status == 3)
        #expect(none.stderr.hasPrefix("loupe: 2 of 2 servers failed:\n  127.0.0.1:1: rpc error: code = Unavailable desc = "))
        let (agent, address) = try Self.agent(["--node", "kind-worker"])
        defer { agent.signal(SIGTERM) }
        let some = try LoupeProcess.run(["observe", "--server", address, "--server", "127.0.0.1:1", "--last", "3"])
        #expect(some.status == 1)
        #expect(some.stdout.split(separator: "\n").count == 3)
        #expect(some.stderr.contains("1 of 2 servers failed"))
        let auth = try LoupeProcess.run(["observe", "--server", address, "--basic-auth-username", "u", "--basic-auth-password", "p"])
        #expect(auth.status == 2)
        #expect(auth.stderr.contains("basic authentication needs TLS"))
    }

    @Test func aUnixSocketIsAServerAddress() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-\(UUID().uuidString.prefix(8)).sock").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let agent = try BackgroundProcess(
            ["serve", "--scenario", ServerEndToEndTests.scenario, "--listen", "unix://\(path)", "--node", "kind-worker"], product: "loupe-agent")
        defer { agent.signal(SIGTERM) }
        #expect(agent.waitForStderr(containing: "serving") != nil, "\(agent.stderrLines)")
        let result = try LoupeProcess.run(["observe", "--server", "unix://\(path)", "--last", "4"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 4)
    }

    /// The agent is killed mid-follow and comes back on the same port: the outage is told, the
    /// stream resumes within 2 s of the agent's return, and no line is printed twice.
    @Test func aFollowResumesAfterTheAgentComesBack() throws {
        var (agent, address) = try Self.agent(["--node", "kind-worker", "--rate", "100"])
        let follower = try BackgroundProcess(["observe", "--server", address, "--follow", "-o", "json"], product: "loupe")
        defer {
            follower.signal(SIGINT)
            agent.signal(SIGTERM)
        }
        #expect(Self.wait(timeout: 10) { follower.stdout.split(separator: "\n").count >= 20 })
        agent.signal(SIGKILL)
        _ = agent.wait(timeout: 5)
        #expect(Self.wait(timeout: 10) { follower.stderrLines.contains { $0.contains("{\"node_status\":{\"state_change\":\"NODE_UNAVAILABLE\",\"node_names\":[\"\(address)\"]}") } }, "\(follower.stderrLines)")
        Thread.sleep(forTimeInterval: 1.5)
        let before = follower.stdout.split(separator: "\n").count
        (agent, _) = try Self.agent(["--node", "kind-worker", "--rate", "100", "--seed", "7"], listen: address)
        let back = Date()
        #expect(Self.wait(timeout: 10) { follower.stderrLines.contains { $0.contains("{\"node_status\":{\"state_change\":\"NODE_CONNECTED\",\"node_names\":[\"\(address)\"]}") } })
        #expect(Self.wait(timeout: 10) { follower.stdout.split(separator: "\n").count > before + 5 })
        let resumedAfter = Date().timeIntervalSince(back)
        #expect(resumedAfter < 2.5, "resumed \(resumedAfter) s after the agent came back")
        follower.signal(SIGINT)
        #expect(follower.wait() == 0)
        let lines = follower.stdout.split(separator: "\n")
        let ids = lines.compactMap { Self.field("uuid", of: $0) }
        #expect(ids.count == lines.count)
        #expect(Set(ids).count == ids.count, "no flow is printed twice")
    }

    /// A reader that does not read: the agent skips its stream ahead and says how much was lost,
    /// and its memory stays bounded.
    @Test func aStalledReaderIsToldWhatItLostAndTheAgentStaysSmall() throws {
        let (agent, address) = try Self.agent(["--rate", "8000", "--buffer-size", "2000"])
        defer { agent.signal(SIGTERM) }
        let loupe = LoupeProcess.executable("loupe").path
        let script = "'\(loupe)' observe --server \(address) --follow -o json | { sleep 6; head -c 400000000; } | grep -c lost_events"
        let stalled = try ChildProcess("/bin/bash", ["-c", script], environment: ProcessInfo.processInfo.environment)
        Thread.sleep(forTimeInterval: 8)
        let rss = Self.residentMegabytes(agent.pid)
        let follower = try ChildProcess("/usr/bin/pkill", ["-INT", "-f", "observe --server \(address) --follow"], environment: [:])
        _ = follower.wait(timeout: 10)
        #expect(stalled.wait(timeout: 20) != nil)
        let lost = Int(String(decoding: stalled.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(lost >= 1, "the stalled reader was told of lost events")
        #expect(rss > 0 && rss < 200, "agent RSS \(rss) MB")
    }

    static func wait(timeout: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    static func residentMegabytes(_ pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }
}
