import FlowModel
import FlowOutput
import HubbleAPI
import SwiftProtobuf
import Testing

/// Details of the text formats that the fixtures do not cover (spec/output.md).
@Suite struct TextFormatTests {
    static func envelope(_ json: String) throws -> FlowEnvelope { try FlowEnvelope(jsonString: json) }

    static func render(_ format: OutputFormat, _ envelopes: [FlowEnvelope], _ configure: (inout FormatOptions) -> Void = { _ in }) -> OutputBuffers {
        var options = FormatOptions()
        configure(&options)
        var formatter = makeFormatter(format, options: options)
        var out = OutputBuffers()
        for e in envelopes { formatter.write(e, to: &out) }
        formatter.finish(to: &out)
        return out
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    static let seedLine = #"{"flow":{"time":"2025-04-27T11:26:11.993041900Z","verdict":"FORWARDED","IP":{"source":"10.244.2.23","destination":"10.244.1.87"},"l4":{"TCP":{"source_port":33156,"destination_port":80}},"source":{"identity":93339,"namespace":"universe","pod_name":"curl"},"destination":{"identity":71969,"namespace":"echo","pod_name":"echo-5dc8fd6498-kfvj6"},"event_type":{"type":5},"is_reply":false,"Summary":"TCP Flags: SYN"}}"#

    @Test func compactColourMatchesTheReference() throws {
        let out = Self.render(.compact, [try Self.envelope(Self.seedLine)]) { $0.color = true }
        let e = "\u{1B}"
        #expect(Self.text(out.stdout) == "Apr 27 11:26:11.993: \(e)[36muniverse/curl:\(e)[33m33156\(e)[0m\(e)[0m \(e)[35m(ID:93339)\(e)[0m -> \(e)[36mecho/echo-5dc8fd6498-kfvj6:\(e)[33m80\(e)[0m\(e)[0m \(e)[35m(ID:71969)\(e)[0m policy-verdict:none TRAFFIC_DIRECTION_UNKNOWN \(e)[32mALLOWED\(e)[0m (TCP Flags: SYN)\n")
    }

    @Test func untrustedEscapesAreNeutralised() throws {
        let json = #"{"flow":{"time":"2026-01-15T10:00:00Z","Summary":"a\u001b[31mred\rz","source":{"pod_name":"x\u001b]0;title\u0007"},"IP":{}}}"#
        let plain = Self.text(Self.render(.compact, [try Self.envelope(json)]).stdout)
        #expect(plain.contains("(a^[[31mred\\rz)"))
        // BEL passes raw in the reference's output; here it is escaped like every control.
        #expect(plain.contains("x^[]0;title\\x07"))
        let colored = Self.text(Self.render(.compact, [try Self.envelope(json)]) { $0.color = true }.stdout)
        #expect(colored.contains("(a\u{1B}[31mred\\rz)"))
        #expect(colored.contains("x^[]0;title"))
    }

    /// Beyond the reference: NUL, BEL, BS, DEL and C1 controls are escaped, and a newline in the data
    /// cannot forge a second line, in compact, dict and table alike.
    @Test(arguments: [OutputFormat.compact, .dict, .table])
    func controlsFromTheDataCannotDriveTheTerminalOrForgeALine(format: OutputFormat) throws {
        let json = #"{"flow":{"time":"2026-01-15T10:00:00Z","verdict":"DROPPED","Summary":"a\u0000\u0007\u0008\u007f\u009b31m\nJan 15 10:00:01.000: forged"}}"#
        let out = Self.render(format, [try Self.envelope(json)])
        let text = Self.text(out.stdout)
        #expect(text.contains(#"a\x00\x07\x08\x7f\u009b31m\nJan 15 10:00:01.000: forged"#), "\(text)")
        #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) })
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("Jan 15 10:00:01.000") })
    }

    @Test func replySwapsSidesAndUnsetReplyShowsBothWays() throws {
        var reply = try Self.envelope(Self.seedLine)
        reply.flow.isReply = Google_Protobuf_BoolValue(true)
        reply.flow.eventType.type = 4
        let swapped = Self.text(Self.render(.compact, [reply]).stdout)
        #expect(swapped.contains("echo/echo-5dc8fd6498-kfvj6:80 (ID:71969) <- universe/curl:33156 (ID:93339) to-endpoint"))
        reply.flow.clearIsReply()
        #expect(Self.text(Self.render(.compact, [reply]).stdout).contains("universe/curl:33156 (ID:93339) <> echo"))
    }

    @Test(arguments: [
        ("StampMilli", "Apr 27 11:26:11.993"), ("YearMonthDay", "2025-04-27"), ("YearMonthDayHour", "2025-04-27T11Z"),
        ("YearMonthDayHourMinute", "2025-04-27T11:26Z"), ("RFC3339", "2025-04-27T11:26:11Z"),
        ("RFC3339Milli", "2025-04-27T11:26:11.993Z"), ("RFC3339Micro", "2025-04-27T11:26:11.993041Z"),
        ("RFC3339Nano", "2025-04-27T11:26:11.9930419Z"), ("RFC1123Z", "Sun, 27 Apr 2025 11:26:11 +0000"),
        ("rfc3339nano", "2025-04-27T11:26:11.9930419Z"), ("Kitchen", "Apr 27 11:26:11.993"),
    ])
    func timeLayouts(name: String, expected: String) {
        let t = Google_Protobuf_Timestamp(seconds: 1_745_753_171, nanos: 993_041_900)
        #expect(TimeLayout(name: name).format(t) == expected)
    }

    @Test func timeEdgeCases() {
        #expect(TimeLayout.stampMilli.format(Google_Protobuf_Timestamp(seconds: 1_633_358_925, nanos: 492_000_000)) == "Oct  4 14:48:45.492")
        #expect(TimeLayout.rfc3339Milli.format(Google_Protobuf_Timestamp(seconds: 1_745_753_171, nanos: 0)) == "2025-04-27T11:26:11Z")
        #expect(TimeLayout.stampMilli.format(nil) == "N/A")
        #expect(TimeLayout.stampMilli.format(Google_Protobuf_Timestamp(seconds: 0, nanos: -1)) == "N/A")
    }

    @Test func lostEventsInEveryTextFormat() throws {
        let lost = try Self.envelope(#"{"lost_events":{"source":"PERF_EVENT_RING_BUFFER","num_events_lost":"5","cpu":3,"first":"2026-01-15T10:00:00Z","last":"2026-01-15T10:00:01Z"},"node_name":"kind-worker","time":"2026-01-15T10:00:00.500Z"}"#)
        #expect(Self.text(Self.render(.compact, [lost]).stdout) == "Jan 15 10:00:00.500 EVENTS LOST: PERF_EVENT_RING_BUFFER CPU(3) 5 (first: Jan 15 10:00:00.000, last: Jan 15 10:00:01.000)\n")
        let bare = try Self.envelope(#"{"lost_events":{"source":"HUBBLE_RING_BUFFER","num_events_lost":"3"},"time":"2026-01-15T10:00:00.500Z"}"#)
        #expect(Self.text(Self.render(.compact, [bare]).stdout) == "Jan 15 10:00:00.500 EVENTS LOST: HUBBLE_RING_BUFFER CPU(0) 3\n")
        #expect(Self.text(Self.render(.dict, [bare]) { $0.printNodeName = true }.stdout) == """
              TIMESTAMP: Jan 15 10:00:00.500
                   NODE: -
                 SOURCE: HUBBLE_RING_BUFFER
                   TYPE: EVENTS LOST
                VERDICT: -
                SUMMARY: CPU(0) - 3

            """)
        #expect(Self.text(Self.render(.table, [bare]).stdout) == """
            TIMESTAMP             SOURCE               DESTINATION   TYPE          VERDICT   SUMMARY
            Jan 15 10:00:00.500   HUBBLE_RING_BUFFER   -             EVENTS LOST   -         CPU(0) - 3

            """)
    }

    @Test func nodeStatusGoesToStandardErrorWhenItMatters() throws {
        let error = try Self.envelope(#"{"node_status":{"state_change":"NODE_ERROR","node_names":["a","b"],"message":"bad \"x\""},"node_name":"relay","time":"2026-01-15T10:00:00Z"}"#)
        let connected = try Self.envelope(#"{"node_status":{"state_change":"NODE_CONNECTED","node_names":["a"]},"node_name":"relay","time":"2026-01-15T10:00:00Z"}"#)
        let out = Self.render(.compact, [error, connected])
        #expect(out.stdout.isEmpty)
        #expect(Self.text(out.stderr) == "Jan 15 10:00:00.000 [relay]: Error \"bad \\\"x\\\"\" on 2 nodes: a, b\n")
        #expect(Self.text(Self.render(.compact, [connected]) { $0.allNodeStatus = true }.stderr) == "Jan 15 10:00:00.000 [relay]: Receiving flows from 1 nodes: a\n")
        #expect(Self.render(.compact, [error]) { $0.silentErrors = true }.stderr.isEmpty)
        #expect(Self.text(Self.render(.jsonpb, [error]).stderr) == #"{"node_status":{"state_change":"NODE_ERROR","node_names":["a","b"],"message":"bad \"x\""},"node_name":"relay","time":"2026-01-15T10:00:00Z"}"# + "\n")
    }

    @Test func dictSeparatorsAreSharedWithNodeStatus() throws {
        let status = try Self.envelope(#"{"node_status":{"state_change":"NODE_UNAVAILABLE","node_names":["n1"]},"node_name":"relay","time":"2026-01-15T10:00:00Z"}"#)
        let flow = try Self.envelope(Self.seedLine)
        let out = Self.render(.dict, [status, flow])
        #expect(Self.text(out.stderr).hasPrefix("  TIMESTAMP: Jan 15 10:00:00.000\n      STATE: NODE_UNAVAILABLE\n      NODES: n1\n    MESSAGE: N/A\n"))
        #expect(Self.text(out.stdout).hasPrefix("------------\n  TIMESTAMP: Apr 27 11:26:11.993\n"))
    }

    @Test func nodeNamesAreCutAfterFiftyBytes() throws {
        let names = (1...8).map { "\"node-\($0)-abcdefgh\"" }.joined(separator: ",")
        let status = try Self.envelope(#"{"node_status":{"state_change":"NODE_UNAVAILABLE","node_names":["# + names + #"]},"node_name":"r","time":"2026-01-15T10:00:00Z"}"#)
        let text = Self.text(Self.render(.compact, [status]).stderr)
        #expect(text.hasSuffix("8 nodes are unavailable: node-1-abcdefgh, node-2-abcdefgh (and 6 more)\n"))
    }

    @Test func tabsInValuesStartNewCellsAsInGo() throws {
        var e = try Self.envelope(Self.seedLine)
        e.flow.summary = "a\tb"
        let text = Self.text(Self.render(.table, [e, try Self.envelope(Self.seedLine)]).stdout)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].hasSuffix("ALLOWED   a   b"))
    }

    @Test func summaryCarriesTraceIdAndAuth() throws {
        var e = try Self.envelope(Self.seedLine)
        e.flow.ipTraceID.traceID = 7
        e.flow.authType = .spire
        #expect(Self.text(Self.render(.compact, [e]).stdout).hasSuffix("(IP Trace ID: 7; TCP Flags: SYN; Auth: SPIRE)\n"))
        e.flow.authType = .testAlwaysFail
        #expect(Self.text(Self.render(.compact, [e]) { $0.color = true }.stdout).contains("; Auth: \u{1B}[31mTEST_ALWAYS_FAIL\u{1B}[0m)"))
    }

    @Test func typesForEveryEventKind() throws {
        func type(_ json: String) throws -> String {
            let line = Self.text(Self.render(.dict, [try Self.envelope(json)]).stdout)
            return String(line.split(separator: "\n").first { $0.hasPrefix("       TYPE: ") }!.dropFirst(13))
        }
        #expect(try type(#"{"flow":{"event_type":{"type":1,"sub_type":133}}}"#) == "Policy denied")
        #expect(try type(#"{"flow":{"event_type":{"type":1,"sub_type":159}}}"#) == "159, 0")
        #expect(try type(#"{"flow":{"event_type":{"type":1,"sub_type":389}}}"#) == "Policy denied")
        #expect(try type(#"{"flow":{"event_type":{"type":4,"sub_type":101}}}"#) == "101")
        #expect(try type(#"{"flow":{"event_type":{"type":3},"debug_capture_point":"DBG_CAPTURE_PROXY_PRE"}}"#) == "DBG_CAPTURE_PROXY_PRE")
        #expect(try type(#"{"flow":{"event_type":{"type":7},"sock_xlate_point":"SOCK_XLATE_POINT_PRE_DIRECTION_REV"}}"#) == "pre-xlate-rev")
        #expect(try type(#"{"flow":{"event_type":{"type":5},"policy_match_type":9,"traffic_direction":"EGRESS"}}"#) == "policy-verdict:unknown EGRESS")
        #expect(try type(#"{"flow":{"l7":{}}}"#) == "l7-unknown_l7_type")
        #expect(try type(#"{"flow":{"l7":{"type":"REQUEST","dns":{}}}}"#) == "dns-request ")
        #expect(try type(#"{"flow":{"event_type":{"type":130}}}"#) == "UNKNOWN")
    }

    @Test func hostsFollowTheReferenceRules() throws {
        func hosts(_ json: String, numeric: Bool = false) throws -> String {
            let line = Self.text(Self.render(.compact, [try Self.envelope(json)]) { $0.ipTranslation = !numeric }.stdout)
            return String(line.dropFirst(5))  // "N/A: "
        }
        #expect(try hosts(#"{"flow":{"IP":{"source":"fd00::1","destination":"fd00::2"},"l4":{"UDP":{"source_port":53,"destination_port":0}}}}"#).hasPrefix("[fd00::1]:53 (unknown) <> fd00::2 (unknown)"))
        #expect(try hosts(#"{"flow":{"IP":{"source":"1.1.1.1","destination":"2.2.2.2"},"destination_names":["a.example.","b.example."],"destination_service":{"name":"svc","namespace":""},"destination":{"namespace":"ns"}}}"#).contains("<> svc (unknown)"))
        #expect(try hosts(#"{"flow":{"IP":{"source":"1.1.1.1","destination":"2.2.2.2"},"destination_names":["a.example.","b.example."]}}"#).contains("<> a.example.,b.example. (unknown)"))
        #expect(try hosts(#"{"flow":{"IP":{"source":"1.1.1.1"},"source":{"namespace":"ns","pod_name":"p"}}}"#, numeric: true).hasPrefix("1.1.1.1 (unknown)"))
        #expect(try hosts(#"{"flow":{"ethernet":{"source":"aa:bb","destination":"cc:dd"}}}"#).hasPrefix("aa:bb (unknown) <> cc:dd"))
        #expect(try hosts(#"{"flow":{"source":{"namespace":"a/../b","pod_name":"./p"},"IP":{}}}"#).hasPrefix("b/p (unknown)"))
    }
}

/// JSON indented as Go's `json.MarshalIndent(v, "", "  ")` indents it.
@Suite struct GoJSONIndentTests {
    @Test func indentsAsGo() {
        #expect(GoJSONIndent.indent(#"[{"a":"x, y: {z}","b":{},"c":[],"d":[1,2],"e":{"f":"\"q\""}}]"#) == """
            [
              {
                "a": "x, y: {z}",
                "b": {},
                "c": [],
                "d": [
                  1,
                  2
                ],
                "e": {
                  "f": "\\"q\\""
                }
              }
            ]
            """)
    }
}
