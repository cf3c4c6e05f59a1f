import FilterLanguage
import FlowModel
import HubbleAPI
import Testing

/// The reference CLI's flags become the lists it would send (`protocol.md` §11.4).
@Suite struct HubbleFilterBuilderTests {
    static func lists(_ flags: [(String, String)]) throws -> (allow: [String], deny: [String]) {
        let built = try HubbleFilterBuilder.build(flags.map { (name: $0.0, value: $0.1) })
        return (built.allow.map { $0.hubbleJSONString() }, built.deny.map { $0.hubbleJSONString() })
    }

    @Test func namespaceAloneCoversBothSides() throws {
        let result = try Self.lists([("namespace", "ns")])
        #expect(result.allow == [#"{"source_pod":["ns/"]}"#, #"{"destination_pod":["ns/"]}"#])
        #expect(result.deny == [])
    }

    @Test func allNamespaces() throws {
        #expect(try Self.lists([("all-namespaces", "")]).allow == [#"{"source_pod":["/"]}"#, #"{"destination_pod":["/"]}"#])
    }

    @Test func symmetricFlagsPairBySide() throws {
        let result = try Self.lists([("namespace", "galaxy"), ("port", "80")])
        #expect(result.allow == [
            #"{"source_pod":["galaxy/"],"source_port":["80"]}"#,
            #"{"destination_pod":["galaxy/"],"destination_port":["80"]}"#,
        ])
    }

    @Test func nonSymmetricFlagsGoToBothAndCollapse() throws {
        #expect(try Self.lists([("verdict", "DROPPED"), ("verdict", "REDIRECTED")]).allow == [#"{"verdict":["DROPPED","REDIRECTED"]}"#])
        #expect(try Self.lists([("from-namespace", "a"), ("to-namespace", "b")]).allow == [#"{"source_pod":["a/"],"destination_pod":["b/"]}"#])
    }

    @Test func notDivertsOneFlag() throws {
        let result = try Self.lists([("not", ""), ("http-method", "put"), ("not", ""), ("to-namespace", "foo")])
        #expect(result.allow == [])
        #expect(result.deny == [#"{"destination_pod":["foo/"],"http_method":["put"]}"#])
    }

    @Test func podWithNamespace() throws {
        #expect(try Self.lists([("pod", "x"), ("namespace", "ns")]).allow == [#"{"source_pod":["ns/x"]}"#, #"{"destination_pod":["ns/x"]}"#])
        #expect(try Self.lists([("namespace", "a"), ("namespace", "b")]).allow == [#"{"source_pod":["a/","b/"]}"#, #"{"destination_pod":["a/","b/"]}"#])
    }

    @Test func conversions() throws {
        #expect(try Self.lists([("identity", "world")]).allow == [#"{"source_identity":[2]}"#, #"{"destination_identity":[2]}"#])
        #expect(try Self.lists([("from-identity", "0x10")]).allow == [#"{"source_identity":[16]}"#])
        #expect(try Self.lists([("from-identity", "017")]).allow == [#"{"source_identity":[15]}"#])
        #expect(try Self.lists([("type", "trace:to-endpoint")]).allow == [#"{"event_type":[{"type":4,"match_sub_type":true}]}"#])
        #expect(try Self.lists([("type", "7")]).allow == [#"{"event_type":[{"type":7}]}"#])
        #expect(try Self.lists([("tcp-flags", "SYN,ack")]).allow == [#"{"tcp_flags":[{"SYN":true,"ACK":true}]}"#])
        #expect(try Self.lists([("workload", "Deployment/echo")]).allow == [
            #"{"source_workload":[{"name":"echo","kind":"Deployment"}]}"#,
            #"{"destination_workload":[{"name":"echo","kind":"Deployment"}]}"#,
        ])
        #expect(try Self.lists([("ip-version", "none")]).allow == [#"{"ip_version":["IP_NOT_USED"]}"#])
        #expect(try Self.lists([("http-header", "a:b:c")]).allow == [#"{"http_header":[{"key":"a","value":"b:c"}]}"#])
        #expect(try Self.lists([("traffic-direction", "Ingress")]).allow == [#"{"traffic_direction":["INGRESS"]}"#])
        #expect(try Self.lists([("unencrypted", "")]).allow == [#"{"encrypted":[false]}"#])
    }

    @Test func rawListsComeAfterFlags() throws {
        let result = try Self.lists([("allowlist", #"{"verdict":["DROPPED"]} {"uuid":["x"]}"#), ("verdict", "FORWARDED")])
        #expect(result.allow == [#"{"verdict":["FORWARDED"]}"#, #"{"verdict":["DROPPED"]}"#, #"{"uuid":["x"]}"#])
    }

    @Test(arguments: [
        ([("verdict", "BOGUS")], #"invalid argument "BOGUS" for "--verdict" flag: invalid --verdict value: BOGUS"#),
        ([("drop-reason-desc", "")], #"invalid argument "" for "--drop-reason-desc" flag: empty --drop-reason-desc value"#),
        ([("type", "foo")], #"invalid argument "foo" for "-t, --type" flag: unable to parse type 'foo', not a known type name and unable to parse as numeric value: strconv.ParseUint: parsing "foo": invalid syntax"#),
        ([("type", "trace:bar")], #"invalid argument "trace:bar" for "-t, --type" flag: unable to parse event sub-type 'bar', not a known sub-type name and unable to parse as numeric value: strconv.ParseUint: parsing "bar": invalid syntax"#),
        ([("tcp-flags", "syn,bogus")], #"invalid argument "syn,bogus" for "--tcp-flags" flag: unknown tcp flag: bogus"#),
        ([("http-header", "x")], #"invalid argument "x" for "--http-header" flag: invalid http-header value "x", expected name:value"#),
        ([("traffic-direction", "up")], #"invalid argument "up" for "--traffic-direction" flag: up: invalid traffic direction, expected ingress or egress"#),
        ([("ip-trace-id", "0")], #"invalid argument "0" for "--ip-trace-id" flag: invalid --ip-trace-id value; must be greater than 0"#),
        ([("ip-trace-id", "x")], #"invalid argument "x" for "--ip-trace-id" flag: invalid --ip-trace-id value: strconv.ParseUint: parsing "x": invalid syntax"#),
        ([("identity", "unknown")], #"invalid argument "unknown" for "--identity" flag: invalid security identity, expected one of [host world unmanaged health init remote-node kube-apiserver ingress world-ipv4 world-ipv6 11] or a numeric value"#),
        ([("pod", "1"), ("ip", "1.1.1.1")], #"invalid argument "1.1.1.1" for "--ip" flag: filters --ip and --pod cannot be combined"#),
        ([("pod", "x/y"), ("namespace", "z")], #"invalid argument "z" for "-n, --namespace" flag: namespace conflict: "z" does not contain "x/y""#),
        ([("to-pod", "a/b"), ("to-service", "c/d")], #"invalid argument "c/d" for "--to-service" flag: namespace of service "c/d" conflict with pod "a""#),
        ([("encrypted", ""), ("unencrypted", "")], #"invalid argument "" for "--unencrypted" flag: filters --encrypted and --unencrypted cannot be combined"#),
        ([("not", ""), ("not", "")], #"invalid argument "true" for "--not" flag: consecutive --not statements"#),
        ([("verdict", "DROPPED"), ("not", "")], "trailing --not found in the arguments"),
    ])
    func rejects(flags: [(String, String)], message: String) {
        #expect(throws: HubbleFlagError(message)) { try HubbleFilterBuilder.build(flags.map { (name: $0.0, value: $0.1) }) }
    }

    @Test func badAllowlist() {
        #expect(throws: HubbleFlagError.self) { try HubbleFilterBuilder.build([(name: "allowlist", value: "{nope")]) }
    }
}
