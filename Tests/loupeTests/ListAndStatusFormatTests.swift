import Foundation
import HubbleAPI
import FlowClient
import FlowOutput
import GRPCCore
import LoupeCommands
import SwiftProtobuf
import LoupeTestSupport
import Testing

/// `status` and `list` in every format `hubble status` and `hubble list` have, in their shapes:
/// scripts that read hubble's JSON read loupe's.
@Suite struct ListAndStatusFormatTests {
    @Test func listsAsHubblePrintsThem() async throws {
        let (agent, address) = try await ServerEndToEndTests.agent()
        defer { agent.signal(SIGTERM) }
        let json = try await InProcessLoupe.run(["list", "nodes", "--server", address, "-o", "json"])
        #expect(json.status == 0)
        #expect(json.stdout.hasPrefix("[\n  {\n    \"name\": \"kind-kind/kind-control-plane\",\n    \"version\": "))
        #expect(json.stdout.hasSuffix("\n  }\n]\n"))
        let nodes = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(nodes.map { $0["name"] as? String } == ["kind-kind/kind-control-plane", "kind-kind/kind-worker", "kind-kind/kind-worker2"])
        #expect(json.stdout.contains("    \"tls\": {},\n"))

        let wide = try await InProcessLoupe.run(["list", "nodes", "--server", address, "-o", "wide"])
        let header = wide.stdout.split(separator: "\n")[0].split(separator: " ", omittingEmptySubsequences: true)
        #expect(header == ["NAME", "STATUS", "AGE", "FLOWS/S", "CURRENT/MAX-FLOWS", "VERSION", "ADDRESS", "TLS"])
        #expect(wide.stdout.contains("   Disabled\n"))

        let namespaces = try await InProcessLoupe.run(["list", "namespaces", "--server", address, "-o", "json"])
        #expect(namespaces.stdout.hasPrefix("[\n  {\n    \"cluster\": \"kind-kind\",\n    \"namespace\": \"echo\"\n  },\n"))
        let table = try await InProcessLoupe.run(["list", "namespaces", "--server", address])
        #expect(table.stdout.hasPrefix("NAMESPACE\necho\n"))
        let clusters = try await InProcessLoupe.run(["list", "namespaces", "--server", address, "-o", "wide"])
        #expect(clusters.stdout.hasPrefix("NAMESPACE     CLUSTER\necho          kind-kind\n"))
        let bad = try await InProcessLoupe.run(["list", "nodes", "--server", address, "-o", "yaml"])
        #expect(bad.status == 2 && bad.stderr == "loupe: invalid output format \"yaml\": use table, wide or json\n")
    }

    @Test func statusAsHubblePrintsIt() async throws {
        let (agent, address) = try await ServerEndToEndTests.agent()
        defer { agent.signal(SIGTERM) }
        let json = try await InProcessLoupe.run(["status", "--server", address, "-o", "json"])
        #expect(json.status == 0)
        #expect(json.stdout.split(separator: "\n").count == 1)
        let status = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(status["max_flows"] as? String == "4095")
        #expect(status["num_connected_nodes"] as? Int == 3)
        #expect(json.stdout.hasPrefix("{\"num_flows\":\""))

        let dict = try await InProcessLoupe.run(["status", "--server", address, "-o", "dict"])
        let labels = dict.stdout.split(separator: "\n").map { String($0.prefix(21)) }
        #expect(labels == [
            "          NUM FLOWS: ", "          MAX FLOWS: ", "         SEEN FLOWS: ", "   FLOWS PER SECOND: ",
            "             UPTIME: ", "NUM CONNECTED NODES: ", " NUM UNAVAIL. NODES: ", "            VERSION: ",
        ])
        let table = try await InProcessLoupe.run(["status", "--server", address, "-o", "table"])
        #expect(table.stdout.hasPrefix(
            "NUM FLOWS   MAX FLOWS   SEEN FLOWS   FLOWS PER SECOND   UPTIME"))
        #expect(table.stdout.split(separator: "\n").count == 2)
    }
}

/// ServerStatus numbers at their maximum do not trap `status`: the node total wraps as the
/// reference's uint32 sum does.
@Suite struct HostileStatusTests {
    @Test func nodeCountsAtTheirMaximum() {
        var status = Observer_ServerStatusResponse()
        status.numFlows = .max
        status.maxFlows = 1
        status.seenFlows = .max
        status.uptimeNs = 1
        status.numConnectedNodes = Google_Protobuf_UInt32Value(UInt32.max)
        status.numUnavailableNodes = Google_Protobuf_UInt32Value(3)
        let text = StatusReport(server: "hostile:4245", health: .serving, status: status).text
        #expect(text.contains("Connected Nodes: 4294967295/2"))
        #expect(text.contains("Unavailable Nodes: 3"))
    }
}

/// A server's error message reaches the terminal without its control characters: no colour, no
/// bell, no carriage return over loupe's own words, no second line forged.
@Suite struct HostileMessageTests {
    @Test func controlCharactersInAServersMessageAreShownEscaped() {
        let hostile = ServerError(code: .internalError, message: "bad\u{1b}[31m red\u{07}\r\nloupe: forged\u{7f}\u{9b}2J", server: "evil\u{1b}:4245")
        let message = CLIError.server(hostile).message
        #expect(!message.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(message)")
        #expect(message == #"rpc error: code = Internal desc = bad\x1b[31m red\x07\x0d\x0aloupe: forged\x7f\u{9b}2J"#)
        #expect(TerminalEscaper.escapedMessage("plain text, é and 流") == "plain text, é and 流")
    }
}
