import Foundation
import LoupeTestSupport
import Testing

/// loupe against loupe-agent over loopback gRPC: the seed's question answered as flows, follow,
/// filters pushed to the server, status and list, and clean endings on signals.
@Suite(.serialized) struct ServerEndToEndTests {
    static let scenario = Fixtures.checkout.appendingPathComponent("scenarios/seed.yaml").path

    /// Starts an agent on a free port; returns it and its address.
    static func agent(_ extra: [String] = []) async throws -> (BackgroundProcess, String) {
        let agent = try BackgroundProcess(
            ["serve", "--scenario", scenario, "--listen", "127.0.0.1:0", "--rate", "200"] + extra, product: "loupe-agent")
        guard let line = await agent.waitForStderr(containing: "serving"), let at = line.range(of: "127.0.0.1:") else {
            throw LoupeProcess.Failure(description: "the agent did not start: \(agent.stderrLines)")
        }
        return (agent, "127.0.0.1:" + line[at.upperBound...])
    }

    @Test func theSeedsQuestionIsAnsweredByFlows() async throws {
        let (agent, address) = try await Self.agent()
        defer { agent.signal(SIGTERM) }
        let result = try await LoupeProcess.run(["observe", "--server", address, "--last", "1500"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { String($0.split(separator: ": ", maxSplits: 1).last ?? "") }
        let universe = lines.filter { $0.hasPrefix("universe/curl:") && $0.contains("echo/echo-5dc8fd6498-kfvj6:80 (ID:71969)") }
        #expect(universe.contains { $0.hasSuffix("(ID:93339) -> echo/echo-5dc8fd6498-kfvj6:80 (ID:71969) policy-verdict:none TRAFFIC_DIRECTION_UNKNOWN ALLOWED (TCP Flags: SYN)") })
        #expect(universe.contains { $0.hasSuffix("-> echo/echo-5dc8fd6498-kfvj6:80 (ID:71969) to-endpoint FORWARDED (TCP Flags: SYN)") })
        #expect(universe.contains { $0.hasSuffix("<- echo/echo-5dc8fd6498-kfvj6:80 (ID:71969) to-endpoint FORWARDED (TCP Flags: SYN, ACK)") })
        let galaxy = lines.filter { $0.hasPrefix("galaxy/curl:") && $0.contains("echo/echo-5dc8fd6498-kfvj6") }
        #expect(galaxy.contains { $0.hasSuffix("(ID:102210) <> echo/echo-5dc8fd6498-kfvj6:80 (ID:71969) Policy denied DROPPED (TCP Flags: SYN)") })
        #expect(!galaxy.contains { $0.contains("to-endpoint") })
    }

    /// The agent keeps each flow's encoding per field mask: a second read, and a read with another
    /// mask in between, print what a first read prints.
    @Test func repeatedReadsWithDifferentMasksGiveTheSameAnswers() async throws {
        let (agent, address) = try await Self.agent(["--history", "5", "--buffer-size", "65535"])
        defer { agent.signal(SIGTERM) }
        // Flows keep coming; the first 300 of the ring stay the same.
        let first = try await LoupeProcess.run(["observe", "--server", address, "--first", "300", "-o", "jsonpb"])
        let other = try await LoupeProcess.run(["observe", "--server", address, "--first", "300", "-o", "jsonpb", "--field-mask", "time,verdict,IP"])
        let again = try await LoupeProcess.run(["observe", "--server", address, "--first", "300", "-o", "jsonpb"])
        #expect(first.status == 0 && other.status == 0 && again.status == 0, "\(first.stderr)\(other.stderr)\(again.stderr)")
        #expect(first.stdout.split(separator: "\n").count == 300)
        #expect(again.stdout == first.stdout)
        #expect(other.stdout != first.stdout && other.stdout.split(separator: "\n").allSatisfy { !$0.contains("\"l4\"") })
    }

    @Test func followWithFiltersShowsOnlyNewDropsAndEndsCleanlyOnCtrlC() async throws {
        let (agent, address) = try await Self.agent()
        defer { agent.signal(SIGTERM) }
        let follower = try BackgroundProcess(["observe", "--server", address, "-f", "--verdict", "DROPPED", "--from-namespace", "galaxy"], product: "loupe")
        try await Task.sleep(for: .seconds(2))
        follower.signal(SIGINT)
        #expect(await follower.wait() == 0)
        let lines = follower.stdout.split(separator: "\n")
        #expect(lines.count >= 2)
        #expect(lines.allSatisfy { $0.contains("galaxy/curl:") && $0.contains("DENIED") || $0.contains("Policy denied DROPPED") })
        #expect(follower.stderrLines.isEmpty)
    }

    @Test func expressionsAreCheckedWhereTheServerCannot() async throws {
        let (agent, address) = try await Self.agent()
        defer { agent.signal(SIGTERM) }
        let result = try await LoupeProcess.run(["observe", "--server", address, "--last", "7", "dst.port == 80 and tcp.syn and not tcp.ack", "-o", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines.allSatisfy { $0.contains("\"destination_port\":80") && $0.contains("\"SYN\":true") && !$0.contains("\"ACK\":true") })
    }

    @Test func statusAndListDescribeTheAgent() async throws {
        let (agent, address) = try await Self.agent()
        defer { agent.signal(SIGTERM) }
        let status = try await LoupeProcess.run(["status", "--server", address])
        #expect(status.status == 0)
        #expect(status.stdout.hasPrefix("Healthcheck (via \(address)): Ok\nCurrent/Max Flows: "))
        #expect(status.stdout.contains("\nConnected Nodes: 3/3\n"))
        let nodes = try await LoupeProcess.run(["list", "nodes", "--server", address])
        #expect(nodes.stdout.contains("kind-kind/kind-worker2 ") && nodes.stdout.contains("Connected"))
        let namespaces = try await LoupeProcess.run(["list", "namespaces", "--server", address, "-o", "json"])
        #expect(namespaces.stdout.contains("  {\n    \"cluster\": \"kind-kind\",\n    \"namespace\": \"galaxy\"\n  }"))
    }

    @Test func anUnreachableServerIsStatusThree() async throws {
        let result = try await LoupeProcess.run(["observe", "--server", "127.0.0.1:1"])
        #expect(result.status == 3)
        #expect(result.stderr == "loupe: cannot reach 127.0.0.1:1: connection refused: nothing listens there "
            + "(try --server ADDR, -P to forward Hubble Relay with kubectl, or --demo)\n")
        let status = try await LoupeProcess.run(["status"], environment: ["HUBBLE_SERVER": "127.0.0.1:1"])
        #expect(status.status == 3 && status.stderr.contains("127.0.0.1:1"))
    }

    /// The transport's own words come with --debug, on a second line.
    @Test func debugAddsTheTransportsWords() async throws {
        let result = try await LoupeProcess.run(["observe", "--server", "127.0.0.1:1", "-D"])
        #expect(result.status == 3)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2 && lines[1].hasPrefix("  rpc error: code = Unavailable desc = "))
    }

    /// TLS to a plaintext server says so, without the TLS library's file paths; an agent on a busy
    /// port says that in one line.
    @Test func tlsToPlaintextAndABusyPortAreToldPlainly() async throws {
        let (agent, address) = try await Self.agent()
        defer { agent.signal(SIGTERM) }
        let tls = try await InProcessLoupe.run(["observe", "--server", "tls://" + address, "--last", "1"])
        #expect(tls.status == 3)
        #expect(tls.stderr == "loupe: cannot reach tls://\(address): the TLS handshake failed: the server does not speak TLS (leave out --tls and tls://)\n")
        let second = try await LoupeProcess.run(["serve", "--scenario", Self.scenario, "--listen", address], product: "loupe-agent")
        #expect(second.status == 1)
        #expect(second.stderr == "loupe-agent: cannot listen on \(address): the address is in use "
            + "(another program listens there: choose another with --listen, or port 0 for a free one)\n")
    }

    /// Rates, speeds and histories that would trap, or simulate for ever before listening, are
    /// usage errors.
    @Test(arguments: [
        ["--history", "inf"], ["--rate", "1e-9"], ["--speed", "inf"], ["--rate", "inf"], ["--rate", "1e12"], ["--history", "1e9"],
        ["--rate", "nan"], ["--speed", "0"],
    ])
    func outOfRangeSimulationOptionsAreRefused(option: [String]) async throws {
        let result = try await LoupeProcess.run(["serve", "--scenario", Self.scenario, "--listen", "127.0.0.1:0"] + option, product: "loupe-agent")
        #expect(result.status == 2, "\(option): \(result.stderr)")
        #expect(result.stderr.contains(option[0]), "\(result.stderr)")
    }

    /// A replayed capture with a silence of two years says once that it shortens it, and serves.
    @Test func aReplayedCapturesLongPauseIsShortenedAndTold() async throws {
        var lines = try Fixtures.lines(try Fixtures.corpus("seed").appendingPathComponent("flows.jsonl")).prefix(3).map { $0 }
        lines[2] = lines[2].replacingOccurrences(of: "\"time\":\"2025", with: "\"time\":\"2027")
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-gap-\(UUID().uuidString.prefix(8)).jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: capture, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: capture) }
        let agent = try BackgroundProcess(["serve", "--replay", capture.path, "--listen", "127.0.0.1:0"], product: "loupe-agent")
        defer { agent.signal(SIGTERM) }
        #expect(await agent.waitForStderr(containing: "serving") != nil, "\(agent.stderrLines)")
        let told = agent.stderrLines.filter { $0.contains("--max-gap") }
        #expect(told.count == 1)
        #expect(told.first?.hasPrefix("loupe-agent: 1 pause in the capture longer than 1s (the longest 17520h") == true, "\(told)")
        #expect(told.first?.hasSuffix(") is shortened to 1s (--max-gap)") == true, "\(told)")
    }

    @Test func theDemoNeedsNoCluster() async throws {
        let result = try await LoupeProcess.run(["observe", "--demo", "--last", "4", "-o", "json", "--namespace", "galaxy", "--verdict", "DROPPED"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 4 && lines.allSatisfy { $0.hasPrefix("{\"flow\":{") && $0.contains("\"verdict\":\"DROPPED\"") })
        let status = try await LoupeProcess.run(["status", "--demo"])
        #expect(status.status == 0 && status.stdout.contains("Version: loupe-agent v"))
    }

    @Test func aReplayedCaptureIsServedInItsOrderAndRestamped() async throws {
        let capture = try Fixtures.corpus("seed").appendingPathComponent("flows.jsonl").path
        let agent = try BackgroundProcess(
            ["serve", "--replay", capture, "--listen", "127.0.0.1:0", "--speed", "1000", "--buffer-size", "2000"], product: "loupe-agent")
        defer { agent.signal(SIGTERM) }
        guard let line = await agent.waitForStderr(containing: "serving"), let at = line.range(of: "127.0.0.1:") else {
            throw LoupeProcess.Failure(description: "the agent did not start: \(agent.stderrLines)")
        }
        let address = "127.0.0.1:" + line[at.upperBound...]
        try await Task.sleep(for: .seconds(0.5))  // the capture spans 63 s: 63 ms at --speed 1000
        let served = try await LoupeProcess.run(["observe", "--server", address, "--all", "-o", "json"])
        #expect(served.status == 0, "\(served.stderr)")
        let lines = served.stdout.split(separator: "\n")
        #expect(lines.count == 1000)
        // Same flows in the same order (UUIDs), with times of today rather than of the capture.
        let uuids = { (text: Substring) in text.firstRange(of: /"uuid":"[^"]+"/).map { String(text[$0]) } }
        let original = try Fixtures.lines(URL(fileURLWithPath: capture)).map { uuids(Substring($0)) }
        #expect(lines.map(uuids) == original)
        #expect(!lines.contains { $0.contains("\"time\":\"2025-04-27") })
    }

    @Test func fieldMaskMistakesAreUsageErrors() async throws {
        let compact = try await LoupeProcess.run(["observe", "--demo", "--field-mask", "verdict"])
        #expect(compact.status == 2)
        #expect(compact.stderr == "loupe: compact output format is not compatible with custom field mask\n")
        let bad = try await LoupeProcess.run(["observe", "--demo", "-o", "json", "--field-mask", "verdict,source.nope"])
        #expect(bad.status == 2)
        #expect(bad.stderr == "loupe: failed to construct field mask: proto: invalid path \"source.nope\" for message \"flow.Flow\"\n")
        let masked = try await LoupeProcess.run(["observe", "--demo", "--last", "2", "-o", "json", "--field-mask", "verdict"])
        #expect(masked.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("{\"flow\":{\"verdict\":") })
    }

    @Test func everyFieldComesWithoutTheDefaultMask() async throws {
        let all = try await LoupeProcess.run(["observe", "--demo", "--last", "400", "-o", "dict", "--use-default-field-masks=false"])
        #expect(all.status == 0)
        // Traffic direction is outside hubble's default mask: policy verdicts show it only without the mask.
        #expect(all.stdout.contains("policy-verdict:none INGRESS") || all.stdout.contains("policy-verdict:L3-L4 INGRESS"))
        #expect(!all.stdout.contains("TRAFFIC_DIRECTION_UNKNOWN"))
    }

    @Test func serveNeedsOneSource() async throws {
        let neither = try await LoupeProcess.run(["serve"], product: "loupe-agent")
        #expect(neither.status == 2)
        #expect(neither.stderr == "loupe-agent: serve needs exactly one of --scenario FILE and --replay FILE\n")
        let node = try await LoupeProcess.run(["serve", "--scenario", Self.scenario, "--node", "nope"], product: "loupe-agent")
        #expect(node.status == 2 && node.stderr.hasPrefix("loupe-agent: node \"nope\" is not in "))
    }
}
