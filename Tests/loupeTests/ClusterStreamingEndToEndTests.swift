import Foundation
import LoupeTestSupport
import Testing

/// Several agents merged, an agent lost and back mid-follow, exit statuses, and a reader that stalls.
@Suite(.serialized) struct ClusterStreamingEndToEndTests {
    static func agent(_ extra: [String], listen: String = "127.0.0.1:0") async throws -> (BackgroundProcess, String) {
        let agent = try BackgroundProcess(
            ["serve", "--scenario", ServerEndToEndTests.scenario, "--listen", listen] + extra, product: "loupe-agent")
        guard let line = await agent.waitForStderr(containing: "serving"), let at = line.range(of: "127.0.0.1:") else {
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

    @Test func lastIsPerServerAndTheMergeIsInTimeOrder() async throws {
        let (a, first) = try await Self.agent(["--node", "kind-worker", "--seed", "1"])
        let (b, second) = try await Self.agent(["--node", "kind-worker2", "--seed", "2"])
        defer {
            a.signal(SIGTERM)
            b.signal(SIGTERM)
        }
        let result = try await LoupeProcess.run(["observe", "--server", first, "--server", second, "--last", "6", "-o", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 12)
        let times = lines.compactMap { Self.field("time", of: $0) }
        #expect(times.count == 12 && times == times.sorted())
        #expect(lines.filter { $0.contains("\"node_name\":\"kind-kind/kind-worker\"") }.count == 6)
        #expect(lines.filter { $0.contains("\"node_name\":\"kind-kind/kind-worker2\"") }.count == 6)
    }

    @Test func exitStatusSaysWhetherAnythingCouldBeReached() async throws {
        let none = try await LoupeProcess.run(["observe", "--server", "127.0.0.1:1", "--server", "127.0.0.1:2"])
        #expect(none.status == 3)
        #expect(none.stderr == "loupe: 2 of 2 servers failed:\n  127.0.0.1:1: connection refused: nothing listens there\n"
            + "  127.0.0.1:2: connection refused: nothing listens there\n")
        let (agent, address) = try await Self.agent(["--node", "kind-worker"])
        defer { agent.signal(SIGTERM) }
        let some = try await LoupeProcess.run(["observe", "--server", address, "--server", "127.0.0.1:1", "--last", "3"])
        #expect(some.status == 1)
        #expect(some.stdout.split(separator: "\n").count == 3)
        #expect(some.stderr.contains("1 of 2 servers failed"))
        let auth = try await LoupeProcess.run(["observe", "--server", address, "--basic-auth-username", "u", "--basic-auth-password", "p"])
        #expect(auth.status == 2)
        #expect(auth.stderr.contains("basic authentication needs TLS"))
    }

    @Test func aUnixSocketIsAServerAddress() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-\(UUID().uuidString.prefix(8)).sock").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let agent = try BackgroundProcess(
            ["serve", "--scenario", ServerEndToEndTests.scenario, "--listen", "unix://\(path)", "--node", "kind-worker"], product: "loupe-agent")
        defer { agent.signal(SIGTERM) }
        #expect(await agent.waitForStderr(containing: "serving") != nil, "\(agent.stderrLines)")
        let result = try await LoupeProcess.run(["observe", "--server", "unix://\(path)", "--last", "4"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 4)
    }

    /// An agent stopped with SIGTERM (how Kubernetes stops a Cilium pod in a rolling upgrade) ends
    /// its streams cleanly; a follower takes that for an outage, tells it, and resumes when the
    /// agent is back on the same port.
    @Test func aGracefullyStoppedAgentIsFollowedAgainWhenItComesBack() async throws {
        var (agent, address) = try await Self.agent(["--node", "kind-worker", "--rate", "100"])
        let follower = try BackgroundProcess(["observe", "--server", address, "--follow", "-o", "json"], product: "loupe")
        defer { agent.signal(SIGTERM) }
        #expect(await Self.wait(timeout: 10) { follower.stdout.split(separator: "\n").count >= 10 })
        agent.signal(SIGTERM)
        #expect(await agent.wait(timeout: 10) == 0)
        #expect(agent.stderrLines.last == "loupe-agent: terminated, stopping")
        let unavailable = "{\"node_status\":{\"state_change\":\"NODE_UNAVAILABLE\",\"node_names\":[\"\(address)\"]}"
        #expect(await Self.wait(timeout: 10) { follower.stderrLines.contains { $0.contains(unavailable) } }, "\(follower.stderrLines)")
        let before = follower.stdout.split(separator: "\n").count
        (agent, _) = try await Self.agent(["--node", "kind-worker", "--rate", "100", "--seed", "7"], listen: address)
        let connected = "{\"node_status\":{\"state_change\":\"NODE_CONNECTED\",\"node_names\":[\"\(address)\"]}"
        #expect(await Self.wait(timeout: 10) { follower.stderrLines.contains { $0.contains(connected) } }, "\(follower.stderrLines)")
        #expect(await Self.wait(timeout: 10) { follower.stdout.split(separator: "\n").count > before + 5 })
        follower.signal(SIGINT)
        #expect(await follower.wait() == 0)
    }

    /// The agent is killed mid-follow and comes back on the same port: the outage is told, the
    /// stream resumes within 2 s of the agent's return, and no line is printed twice.
    @Test func aFollowResumesAfterTheAgentComesBack() async throws {
        var (agent, address) = try await Self.agent(["--node", "kind-worker", "--rate", "100"])
        let follower = try BackgroundProcess(["observe", "--server", address, "--follow", "-o", "json"], product: "loupe")
        defer {
            follower.signal(SIGINT)
            agent.signal(SIGTERM)
        }
        #expect(await Self.wait(timeout: 10) { follower.stdout.split(separator: "\n").count >= 20 })
        agent.signal(SIGKILL)
        _ = await agent.wait(timeout: 5)
        #expect(await Self.wait(timeout: 10) { follower.stderrLines.contains { $0.contains("{\"node_status\":{\"state_change\":\"NODE_UNAVAILABLE\",\"node_names\":[\"\(address)\"]}") } }, "\(follower.stderrLines)")
        try await Task.sleep(for: .seconds(1.5))
        let before = follower.stdout.split(separator: "\n").count
        (agent, _) = try await Self.agent(["--node", "kind-worker", "--rate", "100", "--seed", "7"], listen: address)
        let connected = "{\"node_status\":{\"state_change\":\"NODE_CONNECTED\",\"node_names\":[\"\(address)\"]}"
        #expect(await Self.wait(timeout: 10) { follower.stderrLines.contains { $0.contains(connected) } })
        #expect(await Self.wait(timeout: 10) { follower.stdout.split(separator: "\n").count > before + 5 })
        // From the agent saying it serves to loupe saying it receives again, as both printed it.
        if let back = agent.timedStderrLines.first(where: { $0.1.contains("serving") })?.0,
           let resumed = follower.timedStderrLines.first(where: { $0.1.contains(connected) })?.0 {
            let delay = resumed.timeIntervalSince(back)
            #expect(delay < 2, "resumed \(delay) s after the agent came back")
        } else {
            Issue.record("the agent's return or loupe's reconnection was not seen")
        }
        follower.signal(SIGINT)
        #expect(await follower.wait() == 0)
        let lines = follower.stdout.split(separator: "\n")
        let ids = lines.compactMap { Self.field("uuid", of: $0) }
        #expect(ids.count == lines.count)
        #expect(Set(ids).count == ids.count, "no flow is printed twice")
    }

    /// A reader that does not read: the agent skips its stream ahead and says how much was lost,
    /// and its memory stays bounded.
    @Test func aStalledReaderIsToldWhatItLostAndTheAgentStaysSmall() async throws {
        let (agent, address) = try await Self.agent(["--rate", "8000", "--buffer-size", "2000"])
        defer { agent.signal(SIGTERM) }
        let loupe = LoupeProcess.executable("loupe").path
        let script = "'\(loupe)' observe --server \(address) --follow -o json | { sleep 6; head -c 400000000; } | grep -c lost_events"
        let stalled = try ChildProcess("/bin/bash", ["-c", script], environment: ProcessInfo.processInfo.environment)
        try await Task.sleep(for: .seconds(8))
        let rss = Self.residentMegabytes(agent.pid)
        let follower = try ChildProcess("/usr/bin/pkill", ["-INT", "-f", "observe --server \(address) --follow"], environment: [:])
        _ = await follower.wait(timeout: 10)
        #expect(await stalled.wait(timeout: 20) != nil)
        let lost = Int(String(decoding: stalled.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(lost >= 1, "the stalled reader was told of lost events")
        #expect(rss > 0 && rss < 200, "agent RSS \(rss) MB")
    }

    static func wait(timeout: Double, _ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
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
