import Foundation
import LoupeTestSupport
import Testing

/// Regular expressions run in linear time on both sides: a pattern that makes a backtracking engine
/// run for minutes neither stalls the agent nor the client.
@Suite struct HostileRegexTests {
    /// While a follower asks the agent for `http_url: ["^(.|.)+!$"]`, the agent keeps answering
    /// others (it once stopped answering for over 70 s and ignored SIGTERM).
    @Test func theAgentKeepsAnsweringWhileAHostileFilterRuns() async throws {
        let (agent, address) = try await ClusterStreamingEndToEndTests.agent(["--rate", "2000"])
        defer { agent.signal(SIGTERM) }
        let hostile = try BackgroundProcess(["observe", "--server", address, "-f", "--http-url", "^(.|.)+!$", "--http-url", "(a|aa)+b"], product: "loupe")
        defer { hostile.signal(SIGTERM) }
        // The hostile stream is open and being filtered.
        try await Task.sleep(for: .milliseconds(500))
        for _ in 0..<3 {
            let status = try await LoupeProcess.run(["status", "--server", address, "--request-timeout", "5s"])
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.contains("Healthcheck"))
        }
        let history = try await LoupeProcess.run(["observe", "--server", address, "--last", "2000", "--http-url", "(x+x+)+y"])
        #expect(history.status == 0, "\(history.stderr)")
    }

    /// The client's own matcher: `http.url ~ "(a+)+$"` over long URLs ends, and selects right.
    @Test func theClientsMatcherIsLinearToo() async throws {
        let long = String(repeating: "a", count: 20_000)
        func line(_ url: String) -> String {
            #"{"flow":{"time":"2025-04-27T11:27:13Z","verdict":"FORWARDED","Type":"L7","l7":{"type":"REQUEST","http":{"method":"GET","url":"\#(url)"}}}}"#
        }
        let capture = [line("http://x/" + long + "!"), line("http://x/" + long), line("http://x/b")].joined(separator: "\n") + "\n"
        let result = try await LoupeProcess.run(
            ["observe", "--input-file", "-", "-o", "json", #"http.url ~ "(a+)+$" or http.url ~ "^(.|.)+!$""#], stdin: Data(capture.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 2)
    }
}
