import FlowModel
import HubbleAPI
import SwiftProtobuf
import Testing

@Suite struct JSONCodecTests {
    static func decode(_ json: String) throws(HubbleJSONError) -> FlowLineDecoder.Line {
        var copy = json
        let result = copy.withUTF8 { buffer in
            Result { () throws(HubbleJSONError) in try FlowLineDecoder().decode(UnsafeRawBufferPointer(buffer)) }
        }
        return try result.get()
    }

    /// A flow with every field of flow.Flow set to a non-default value.
    static func everyField() -> Flow {
        var f = Flow()
        f.time = Google_Protobuf_Timestamp(seconds: 1_745_753_171, nanos: 993_041_900)
        f.uuid = "c386bbc4-cd61-4e30-98f1-6adf91b7584a"
        f.emitter = .with { $0.name = "Hubble"; $0.version = "1.19.4" }
        f.verdict = .dropped
        f.dropReason = 133
        f.authType = .spire
        f.ethernet = .with { $0.source = "4e:4c:1a:9b:21:07"; $0.destination = "de:ad:7c:12:90:4f" }
        f.ip = .with { $0.source = "10.244.2.23"; $0.sourceXlated = "10.0.0.1"; $0.destination = "10.244.1.87"; $0.ipVersion = .ipv4; $0.encrypted = true }
        f.l4 = .with { $0.tcp = .with { $0.sourcePort = 33156; $0.destinationPort = 80; $0.flags = .with { $0.syn = true; $0.ack = true; $0.ns = true } } }
        f.tunnel = .with { $0.protocol = .geneve; $0.ip = .with { $0.source = "1.1.1.1" }; $0.l4 = .with { $0.udp = .with { $0.sourcePort = 6081 } }; $0.vni = 7 }
        f.source = .with { $0.id = 1877; $0.identity = 93339; $0.clusterName = "kind"; $0.namespace = "universe"; $0.labels = ["k8s:app=curl"]; $0.podName = "curl"; $0.workloads = [.with { $0.name = "curl"; $0.kind = "Pod" }] }
        f.destination = .with { $0.identity = 71969; $0.namespace = "echo"; $0.podName = "echo-1" }
        f.type = .l7
        f.nodeName = "kind-kind/kind-worker"
        f.nodeLabels = ["kubernetes.io/os=linux"]
        f.sourceNames = ["a.example."]
        f.destinationNames = ["b.example."]
        f.l7 = .with { $0.type = .response; $0.latencyNs = 2_107_000; $0.http = .with { $0.code = 200; $0.method = "GET"; $0.url = "http://echo/?a=<b>&c"; $0.protocol = "HTTP/1.1"; $0.headers = [.with { $0.key = "x"; $0.value = "y" }] } }
        f.reply = true
        f.eventType = .with { $0.type = 129; $0.subType = -3 }
        f.sourceService = .with { $0.name = "curl"; $0.namespace = "universe" }
        f.destinationService = .with { $0.name = "echo"; $0.namespace = "echo" }
        f.trafficDirection = .ingress
        f.policyMatchType = 3
        f.traceObservationPoint = .toEndpoint
        f.traceReason = .established
        f.file = .with { $0.name = "bpf_lxc.c"; $0.line = 1234 }
        f.ipTraceID = .with { $0.traceID = 7; $0.ipOptionType = 136 }
        f.dropReasonDesc = .policyDenied
        f.isReply = Google_Protobuf_BoolValue(false)
        f.debugCapturePoint = .dbgCaptureProxyPre
        f.interface = .with { $0.index = 3; $0.name = "eth0" }
        f.proxyPort = 15001
        f.traceContext = .with { $0.parent = .with { $0.traceID = "4bf92f3577b34da6a3ce929d0e0e4736" } }
        f.sockXlatePoint = .sockXlatePointPostDirectionFwd
        f.socketCookie = UInt64.max
        f.cgroupID = 9035
        f.summary = "TCP Flags: SYN \u{1B}[31m\r\u{2028}\"\\"
        f.extensions = try! Google_Protobuf_Any(message: Google_Protobuf_StringValue("hi"))
        f.egressAllowedBy = [.with { $0.name = "allow"; $0.namespace = "echo"; $0.labels = ["a=b"]; $0.revision = 42; $0.kind = "NetworkPolicy" }]
        f.ingressAllowedBy = [.with { $0.name = "in" }]
        f.egressDeniedBy = [.with { $0.name = "deny" }]
        f.ingressDeniedBy = [.with { $0.name = "deny-in" }]
        f.policyLog = ["log"]
        f.aggregate = .with { $0.ingressFlowCount = 1; $0.egressFlowCount = 2; $0.unknownDirectionFlowCount = 3 }
        return f
    }

    @Test func everyFieldSurvivesARoundTrip() throws {
        let envelope = FlowEnvelope(flow: Self.everyField())
        let json = envelope.jsonLine()
        let decoded = try Self.decode(json)
        // An Any may hold its payload as a message or as bytes, so compare it by its encoding.
        var withoutAny = decoded.envelope
        withoutAny.flow.clearExtensions()
        var expectedWithoutAny = envelope
        expectedWithoutAny.flow.clearExtensions()
        #expect(withoutAny == expectedWithoutAny)
        #expect(try Google_Protobuf_StringValue(unpackingAny: decoded.envelope.flow.extensions).value == "hi")
        #expect(decoded.unknownFieldCount == 0)
        #expect(try decoded.envelope.serializedBytes() as [UInt8] == envelope.serializedBytes() as [UInt8])
        #expect(decoded.envelope.jsonLine() == json)
    }

    @Test func outputIsValidProto3JSONForSwiftProtobuf() throws {
        let flow = Self.everyField()
        let parsed = try Flow(jsonString: flow.hubbleJSONString())
        #expect(try parsed.serializedBytes() as [UInt8] == flow.serializedBytes() as [UInt8])
    }

    @Test func keysFollowDeclarationOrder() {
        var f = Flow()
        f.summary = "x"
        f.uuid = "u"
        f.time = Google_Protobuf_Timestamp(seconds: 0, nanos: 500_000_000)
        f.isReply = Google_Protobuf_BoolValue(false)
        f.dropReasonDesc = .policyDenied
        #expect(f.hubbleJSONString() == #"{"time":"1970-01-01T00:00:00.500Z","uuid":"u","drop_reason_desc":"POLICY_DENIED","is_reply":false,"Summary":"x"}"#)
    }

    @Test func sixtyFourBitIntegersAreStringsAndThirtyTwoBitAreNumbers() throws {
        var f = Flow()
        f.socketCookie = 9035
        f.eventType = .with { $0.subType = -3 }
        #expect(f.hubbleJSONString() == #"{"event_type":{"sub_type":-3},"socket_cookie":"9035"}"#)
        let fromNumbers = try Flow(jsonString: #"{"socket_cookie":9035,"event_type":{"sub_type":"-3"}}"#)
        #expect(fromNumbers == f)
    }

    @Test func stringsAreEscapedAsGoDoesWithHTMLEscaping() {
        var f = Flow()
        f.summary = "<a&b> \"q\" \\ \u{1B} \u{08}\u{0C}\n\r\t \u{2028}\u{2029} \u{7F} é 🙂 /"
        #expect(f.hubbleJSONString() == #"{"Summary":"\u003ca\u0026b\u003e \"q\" \\ \u001b \b\f\n\r\t \u2028\u2029 "# + "\u{7F} é 🙂 /\"}")
    }

    @Test func unknownEnumNumbersArePreserved() throws {
        let f = try Flow(jsonString: #"{"verdict":99,"traffic_direction":"EGRESS"}"#)
        #expect(f.verdict.rawValue == 99)
        #expect(f.hubbleJSONString() == #"{"verdict":99,"traffic_direction":"EGRESS"}"#)
    }

    @Test func lowerCamelNamesAreAccepted() throws {
        let f = try Flow(jsonString: #"{"nodeName":"n","isReply":true,"dropReasonDesc":"POLICY_DENIED","IP":{"ipVersion":"IPv6"}}"#)
        #expect(f.nodeName == "n")
        #expect(f.isReply.value)
        #expect(f.dropReasonDesc == .policyDenied)
        #expect(f.ip.ipVersion == .ipv6)
    }

    @Test func timestampsWithOffsetsAreNormalisedToUTC() throws {
        let f = try Flow(jsonString: #"{"time":"2025-04-27T13:26:11.5+02:00"}"#)
        #expect(f.hubbleJSONString() == #"{"time":"2025-04-27T11:26:11.500Z"}"#)
    }

    @Test(arguments: [
        (0, "2026-01-15T10:00:00Z"), (500_000_000, "2026-01-15T10:00:00.500Z"),
        (993_041_000, "2026-01-15T10:00:00.993041Z"), (993_041_900, "2026-01-15T10:00:00.993041900Z"),
    ])
    func timestampFractionsUseThreeSixOrNineDigits(nanos: Int32, text: String) {
        #expect(RFC3339.format(Google_Protobuf_Timestamp(seconds: 1_768_471_200, nanos: nanos)) == text)
    }

    @Test func nullMeansUnsetAndUnknownFieldsAreSkippedAndCounted() throws {
        let line = try Self.decode(#"{"flow":{"verdict":null,"future_field":{"a":[1,2,{"b":null}]},"uuid":"x"},"node_name":"n"}"#)
        #expect(line.envelope.flow.uuid == "x")
        #expect(line.unknownFields == ["future_field"])
        #expect(line.unknownFieldCount == 1)
    }

    @Test func bareFlowsAreWrappedAsAServerWould() throws {
        let line = try Self.decode(#"{"time":"2022-05-01T00:00:00Z","verdict":"FORWARDED","node_name":"gke-1"}"#)
        #expect(line.wasBareFlow)
        #expect(line.envelope.flow.verdict == .forwarded)
        #expect(line.envelope.nodeName == "gke-1")
        #expect(line.envelope.time.seconds == 1_651_363_200)
    }

    @Test func lostEventsAndNodeStatusRoundTrip() throws {
        let lost = #"{"lost_events":{"source":"PERF_EVENT_RING_BUFFER","num_events_lost":"5","cpu":3,"first":"2026-01-15T10:00:00Z","last":"2026-01-15T10:00:01Z"},"node_name":"kind-worker","time":"2026-01-15T10:00:00.500Z"}"#
        #expect(try Self.decode(lost).envelope.jsonLine() == lost)
        let status = #"{"node_status":{"state_change":"NODE_ERROR","node_names":["a","b"],"message":"bad \"x\""},"node_name":"relay","time":"2026-01-15T10:00:00Z"}"#
        #expect(try Self.decode(status).envelope.jsonLine() == status)
        let cpuZero = #"{"lost_events":{"cpu":0}}"#
        #expect(try Self.decode(cpuZero).envelope.jsonLine() == cpuZero)
    }

    @Test(arguments: [
        ("", "empty line"),
        (#"{"flow":{"uuid":"x"}"#, "unexpected end of line"),
        (#"{"flow":{"verdict":"BOGUS"}}"#, "invalid value for enum"),
        (#"{"flow":{"uuid":1}}"#, "expected a string"),
        (#"{"flow":{"time":"yesterday"}}"#, "invalid timestamp"),
        (#"{"flow":{}} trailing"#, "expected end of line"),
        (#"{"flow":{"l4":{"TCP":{"source_port":-1}}}}"#, "uint32 out of range"),
        (#"{"flow":{"event_type":{"type":"x"}}}"#, "expected a number"),
        ("[1]", "expected '{'"),
        (#"{"flow" {}}"#, "expected ':'"),
        (#"{"a":1,}"#, "expected a member name"),
    ])
    func malformedLinesAreRejectedWithAReason(json: String, reason: String) {
        #expect(throws: HubbleJSONError.self) { try Self.decode(json) }
        do throws(HubbleJSONError) {
            _ = try Self.decode(json)
        } catch {
            #expect(error.message.contains(reason), "\(error)")
        }
    }

    @Test func deepNestingIsRejectedNotACrash() {
        let deep = #"{"x":"# + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}"
        #expect(throws: HubbleJSONError.self) { try Self.decode(deep) }
    }

    @Test func escapedStringsAndKeysDecode() throws {
        let f = try Flow(jsonString: #"{"\u0075uid":"a\"b\\c\/d\u00e9\ud83d\ude42\n"}"#)
        #expect(f.uuid == "a\"b\\c/dé🙂\n")
    }
}
