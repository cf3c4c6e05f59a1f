import FlowModel
import FlowOutput
import Foundation
import HubbleAPI
import LoupeTestSupport
import Testing

/// `CompactFormatter.unusedMembers`: decoding without the members a compact line never shows must not
/// change a single byte of the line.
@Suite struct CompactFormatterTests {
    /// Every option that changes which members a compact line reads.
    static let optionSets: [FormatOptions] = [false, true].flatMap { flag in
        [false, true].map { other in
            var options = FormatOptions()
            options.printNodeName = flag
            options.printPolicyNames = other
            options.color = flag != other
            options.ipTranslation = !other
            return options
        }
    }

    static func compact(_ lines: [Data], options: FormatOptions, skipping: JSONSkipSet?) throws -> String {
        let decoder = FlowLineDecoder(skipping: skipping)
        var formatter = CompactFormatter(options: options)
        var out = OutputBuffers()
        for line in lines {
            let envelope = try line.withUnsafeBytes { try decoder.decode($0).envelope }
            formatter.write(envelope, to: &out)
        }
        return String(decoding: out.stdout + out.stderr, as: UTF8.self)
    }

    /// Flows that set members the fixtures leave out: policies, services, DNS names, trace ids,
    /// authentication, every event type.
    static let extraLines: [String] = [
        #"{"flow":{"time":"2026-01-15T10:00:00Z","uuid":"u1","verdict":"DROPPED","drop_reason_desc":"POLICY_DENIED","IP":{"source":"10.0.0.1","destination":"10.0.0.2"},"l4":{"TCP":{"source_port":1,"destination_port":80}},"source":{"ID":7,"identity":9,"cluster_name":"c","namespace":"a","labels":["k8s:app=x"],"pod_name":"p","workloads":[{"name":"w","kind":"Deployment"}]},"destination":{"identity":2,"labels":["reserved:world"]},"event_type":{"type":5},"traffic_direction":"EGRESS","policy_match_type":2,"egress_denied_by":[{"name":"deny","namespace":"a","labels":["x"],"kind":"CiliumNetworkPolicy"}],"ingress_allowed_by":[{"name":"allow","kind":"NetworkPolicy"}],"is_reply":false,"Summary":"TCP Flags: SYN","auth_type":"SPIRE","interface":{"index":3,"name":"eth0"},"trace_context":{"parent":{"trace_id":"t"}},"node_labels":["a=b"],"socket_cookie":"5","cgroup_id":"6","proxy_port":8080,"policy_log":["l"],"file":{"name":"f","line":1},"aggregate":{"ingress_flow_count":1}}}"#,
        #"{"flow":{"time":"2026-01-15T10:00:01Z","verdict":"FORWARDED","IP":{"source":"fd00::1","destination":"fd00::2","ipVersion":"IPv6"},"l4":{"UDP":{"source_port":53000,"destination_port":53}},"source":{"namespace":"a","pod_name":"p"},"destination_service":{"name":"kube-dns","namespace":"kube-system"},"destination_names":["kube-dns.kube-system.svc"],"l7":{"type":"REQUEST","dns":{"query":"x.","observation_source":"proxy"}},"event_type":{"type":129},"ip_trace_id":{"trace_id":"77","ip_option_type":1},"is_reply":true,"Summary":"DNS Query x. A"}}"#,
        #"{"flow":{"time":"2026-01-15T10:00:02Z","verdict":"TRACED","ethernet":{"source":"aa:bb:cc:dd:ee:ff","destination":"11:22:33:44:55:66"},"event_type":{"type":9},"debug_capture_point":"DBG_CAPTURE_DELIVERY","node_name":"kind/worker","Summary":"capture"}}"#,
        #"{"flow":{"time":"2026-01-15T10:00:03Z","verdict":"TRANSLATED","IP":{"source":"10.0.0.1","destination":"10.96.0.10"},"l4":{"TCP":{"source_port":2,"destination_port":443}},"event_type":{"type":11},"sock_xlate_point":"SOCK_XLATE_POINT_POST_DIRECTION_FWD","trace_observation_point":"TO_STACK","trace_reason":"NEW","Summary":"sock"}}"#,
        #"{"lost_events":{"source":"HUBBLE_RING_BUFFER","num_events_lost":"3"},"time":"2026-01-15T10:00:04Z"}"#,
        #"{"node_status":{"state_change":"NODE_ERROR","node_names":["a"],"message":"x"},"time":"2026-01-15T10:00:05Z"}"#,
    ]

    @Test(arguments: ["seed", "real"])
    func linesAreTheSameWithoutTheUnusedMembers(corpus: String) throws {
        let input = try Data(contentsOf: try Fixtures.corpus(corpus).appendingPathComponent("flows.jsonl"))
        let lines = input.split(separator: UInt8(ascii: "\n")).map { Data($0) } + Self.extraLines.map { Data($0.utf8) }
        for options in Self.optionSets {
            let full = try Self.compact(lines, options: options, skipping: nil)
            let partial = try Self.compact(lines, options: options, skipping: CompactFormatter.unusedMembers(options: options))
            #expect(!full.isEmpty)
            #expect(partial == full)
        }
    }

    @Test func skippedMembersAreLeftUnsetButStillChecked() throws {
        let decoder = FlowLineDecoder(skipping: CompactFormatter.unusedMembers(options: FormatOptions()))
        let line = Self.extraLines[0]
        let flow = try line.utf8CString.withUnsafeBytes {
            try decoder.decode(UnsafeRawBufferPointer(rebasing: $0.dropLast())).envelope.flow
        }
        #expect(flow.uuid.isEmpty)
        #expect(flow.source.labels.isEmpty && flow.source.clusterName.isEmpty)
        // Members that are not strings are read: a wrong one fails the line as it fails in full.
        #expect(!flow.source.workloads.isEmpty && !flow.egressDeniedBy.isEmpty)
        #expect(flow.source.podName == "p" && flow.verdict == .dropped && flow.summary == "TCP Flags: SYN")

        let broken = #"{"flow":{"uuid":"u","source":{"labels":["a",]}}}"#
        #expect(throws: HubbleJSONError.self) {
            try broken.utf8CString.withUnsafeBytes { try decoder.decode(UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
        }
    }
}

/// The same line is good or bad whatever the output: what compact leaves undecoded is still checked.
@Suite struct SkippedMemberVerdictTests {
    static let mutations = [
        #""uuid":5"#, #""uuid":["x"]"#, #""node_labels":"a=b""#, #""node_labels":[1]"#, #""policy_log":{"a":1}"#,
        #""drop_reason":"abc""#, #""interface":5"#, #""reply":"x""#, #""trace_observation_point":7.5"#,
        #""file":{"line":"x"}"#, #""proxy_port":-1"#, #""egress_allowed_by":[5]"#, #""aggregate":[]"#,
        #""uuid":"ok""#, #""node_labels":["a=b"]"#, #""drop_reason":133"#,
    ]
    static let endpointMutations = [
        #""labels":"k8s:app=x""#, #""labels":[null]"#, #""cluster_name":1"#, #""ID":"x""#, #""workloads":3"#,
        #""labels":["k8s:app=x"]"#, #""cluster_name":"c""#,
    ]

    static func decodes(_ line: String, skipping: JSONSkipSet?) -> Bool {
        let decoder = FlowLineDecoder(skipping: skipping)
        return (try? Array(line.utf8).withUnsafeBytes { try decoder.decode($0) }) != nil
    }

    @Test(arguments: mutations)
    func aFlowMemberIsJudgedAlike(member: String) {
        let line = #"{"flow":{"time":"2026-01-15T10:00:00Z","verdict":"FORWARDED",\#(member)}}"#
        let skipping = CompactFormatter.unusedMembers(options: FormatOptions())
        #expect(Self.decodes(line, skipping: skipping) == Self.decodes(line, skipping: nil), "\(line)")
    }

    @Test(arguments: endpointMutations)
    func anEndpointMemberIsJudgedAlike(member: String) {
        let line = #"{"flow":{"time":"2026-01-15T10:00:00Z","source":{"namespace":"a",\#(member)}}}"#
        let skipping = CompactFormatter.unusedMembers(options: FormatOptions())
        #expect(Self.decodes(line, skipping: skipping) == Self.decodes(line, skipping: nil), "\(line)")
    }
}
