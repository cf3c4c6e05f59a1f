import FilterLanguage
import FlowModel
import HubbleAPI
import Testing

/// Each FlowFilter field against flows built for its edges, as the reference server matches them
/// (`protocol.md` §10), and the server's error texts for bad values.
@Suite struct FlowFilterSemanticsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var filter: String
        var flow: String
        var matches: Bool
        var testDescription: String { "\(filter) ~ \(flow) = \(matches)" }
        init(_ filter: String, _ flow: String, _ matches: Bool) {
            self.filter = filter
            self.flow = flow
            self.matches = matches
        }
    }

    static let tcp80 = #""l4":{"TCP":{"source_port":40000,"destination_port":80,"flags":{"SYN":true}}}"#

    static let cases: [Case] = [
        Case(#"{"uuid":["a"]}"#, #"{"uuid":"a"}"#, true),
        Case(#"{"uuid":["a"]}"#, #"{"uuid":"b"}"#, false),
        Case(#"{"source_ip":["10.0.0.1"]}"#, #"{"IP":{"source":"10.0.0.1"}}"#, true),
        Case(#"{"source_ip":["10.0.0.0/8"]}"#, #"{"IP":{"source":"10.2.3.4"}}"#, true),
        Case(#"{"source_ip":["10.0.0.0/8"]}"#, #"{"IP":{"source":"11.2.3.4"}}"#, false),
        Case(#"{"source_ip":["::1"]}"#, #"{"IP":{"source":"0:0::1"}}"#, false),
        Case(#"{"destination_ip":["10.0.0.1"]}"#, #"{}"#, false),
        Case(#"{"source_ip_xlated":["1.1.1.1"]}"#, #"{"IP":{"source_xlated":"1.1.1.1"}}"#, true),
        Case(#"{"source_pod":["kube-system/"]}"#, #"{"source":{"namespace":"kube-system","pod_name":"x"}}"#, true),
        Case(#"{"source_pod":["/xwing"]}"#, #"{"source":{"namespace":"a","pod_name":"xwing-1"}}"#, true),
        Case(#"{"source_pod":["xwing"]}"#, #"{"source":{"namespace":"a","pod_name":"xwing-1"}}"#, false),
        Case(#"{"source_pod":["xwing"]}"#, #"{"source":{"namespace":"default","pod_name":"xwing-1"}}"#, true),
        Case(#"{"source_pod":["/"]}"#, #"{"source":{"identity":2}}"#, false),
        Case(#"{"source_pod":["a/b/c"]}"#, #"{"source":{"namespace":"a","pod_name":"bx"}}"#, true),
        Case(#"{"destination_service":["kube-system/kube-dns"]}"#, #"{"destination_service":{"namespace":"kube-system","name":"kube-dns"}}"#, true),
        Case(#"{"destination_fqdn":["*.cilium.io"]}"#, #"{"destination_names":["docs.cilium.io"]}"#, true),
        Case(#"{"destination_fqdn":["*.cilium.io"]}"#, #"{"destination_names":["cilium.io"]}"#, false),
        Case(#"{"destination_fqdn":["Docs.Cilium.IO."]}"#, #"{"destination_names":["docs.cilium.io"]}"#, true),
        Case(#"{"destination_fqdn":["docs.cilium.io"]}"#, #"{"destination_names":["DOCS.cilium.io"]}"#, false),
        Case(#"{"source_label":["k8s:app=curl"]}"#, #"{"source":{"labels":["k8s:app=curl"]}}"#, true),
        Case(#"{"source_label":["app=curl"]}"#, #"{"source":{"labels":["k8s:app=curl"]}}"#, true),
        Case(#"{"source_label":["container:app=curl"]}"#, #"{"source":{"labels":["k8s:app=curl"]}}"#, false),
        Case(#"{"source_label":["app in (a, curl)"]}"#, #"{"source":{"labels":["k8s:app=curl"]}}"#, true),
        Case(#"{"source_label":["!app"]}"#, #"{"source":{"labels":["k8s:tier=fe"]}}"#, true),
        Case(#"{"destination_label":["reserved:world"]}"#, #"{"destination":{"labels":["reserved:world"]}}"#, true),
        Case(#"{"destination_label":["cidr:10.0.0.0/8"]}"#, #"{"destination":{"labels":["cidr:10.1.0.0/16"]}}"#, true),
        Case(#"{"node_labels":["zone=a"]}"#, #"{"node_labels":["kubernetes.io/zone=b","zone=a"]}"#, true),
        Case(#"{"source_workload":[{"kind":"Deployment"}]}"#, #"{"source":{"workloads":[{"name":"x","kind":"Deployment"}]}}"#, true),
        Case(#"{"source_workload":[{"name":"y"}]}"#, #"{"source":{"workloads":[{"name":"x","kind":"Deployment"}]}}"#, false),
        Case(#"{"source_cluster_name":["c1"]}"#, #"{"source":{"cluster_name":"c1"}}"#, true),
        Case(#"{"traffic_direction":["EGRESS"]}"#, #"{"traffic_direction":"EGRESS"}"#, true),
        Case(#"{"verdict":["DROPPED"]}"#, #"{"verdict":"FORWARDED"}"#, false),
        Case(#"{"drop_reason_desc":["POLICY_DENIED"]}"#, #"{"verdict":"DROPPED","drop_reason_desc":"POLICY_DENIED"}"#, true),
        Case(#"{"drop_reason_desc":["POLICY_DENIED"]}"#, #"{"verdict":"FORWARDED","drop_reason_desc":"POLICY_DENIED"}"#, false),
        Case(#"{"interface":[{"name":"eth0"}]}"#, #"{"interface":{"index":3,"name":"eth0"}}"#, true),
        Case(#"{"interface":[{"index":4}]}"#, #"{"interface":{"index":3,"name":"eth0"}}"#, false),
        Case(#"{"interface":[{"name":"eth0"}]}"#, #"{}"#, false),
        Case(#"{"event_type":[{"type":4,"match_sub_type":true,"sub_type":0}]}"#, #"{"event_type":{"type":4,"sub_type":0}}"#, true),
        Case(#"{"event_type":[{"type":4,"match_sub_type":true,"sub_type":0}]}"#, #"{"event_type":{"type":4,"sub_type":3}}"#, false),
        Case(#"{"event_type":[{"type":4}]}"#, #"{"event_type":{"type":4,"sub_type":3}}"#, true),
        Case(#"{"event_type":[{"type":4}]}"#, #"{}"#, false),
        Case(#"{"http_status_code":["5+"]}"#, #"{"l7":{"http":{"code":503}}}"#, true),
        Case(#"{"http_status_code":["40+"]}"#, #"{"l7":{"http":{"code":410}}}"#, false),
        Case(#"{"http_status_code":["404"]}"#, #"{"l7":{"http":{"code":404}}}"#, true),
        Case(#"{"http_status_code":["2+"]}"#, #"{"l7":{"http":{}}}"#, false),
        Case(#"{"http_method":["get"]}"#, #"{"l7":{"http":{"method":"GET"}}}"#, true),
        Case(#"{"http_path":["^/api$"]}"#, #"{"l7":{"http":{"url":"http://h/api?x=1"}}}"#, true),
        Case(#"{"http_path":["^/api$"]}"#, #"{"l7":{"http":{"url":"/api/x"}}}"#, false),
        Case(#"{"http_url":["h/api"]}"#, #"{"l7":{"http":{"url":"http://h/api?x=1"}}}"#, true),
        Case(#"{"http_header":[{"key":"a","value":"b"}]}"#, #"{"l7":{"http":{"headers":[{"key":"a","value":"b"}]}}}"#, true),
        Case(#"{"http_header":[{"key":"a","value":"c"}]}"#, #"{"l7":{"http":{"headers":[{"key":"a","value":"b"}]}}}"#, false),
        Case(#"{"protocol":["TCP"]}"#, "{\(tcp80)}", true),
        Case(#"{"protocol":["icmp"]}"#, #"{"l4":{"ICMPv6":{"type":128}}}"#, true),
        Case(#"{"protocol":["http"]}"#, #"{"l7":{"http":{}}}"#, true),
        Case(#"{"protocol":["dns"]}"#, "{\(tcp80)}", false),
        Case(#"{"source_port":["40000"]}"#, "{\(tcp80)}", true),
        Case(#"{"destination_port":["80"]}"#, #"{"l4":{"ICMPv4":{"type":8}}}"#, false),
        Case(#"{"destination_port":["53"]}"#, #"{"l4":{"UDP":{"destination_port":53}}}"#, true),
        Case(#"{"reply":[false]}"#, #"{"verdict":"FORWARDED"}"#, false),
        Case(#"{"reply":[false]}"#, #"{"verdict":"DROPPED"}"#, true),
        Case(#"{"reply":[true]}"#, #"{"is_reply":true}"#, true),
        Case(#"{"dns_query":["\\.internal\\.$"]}"#, #"{"l7":{"dns":{"query":"db.internal."}}}"#, true),
        Case(#"{"dns_query":["x"]}"#, #"{}"#, false),
        Case(#"{"source_identity":[0]}"#, #"{"source":{"namespace":"a"}}"#, true),
        Case(#"{"source_identity":[0]}"#, #"{}"#, false),
        Case(#"{"tcp_flags":[{"SYN":true}]}"#, "{\(tcp80)}", true),
        Case(#"{"tcp_flags":[{"SYN":true,"ACK":true}]}"#, "{\(tcp80)}", false),
        Case(#"{"node_name":["kind-*"]}"#, #"{"node_name":"kind-kind/kind-worker"}"#, true),
        Case(#"{"node_name":["kind-worker"]}"#, #"{"node_name":"kind-worker"}"#, true),
        Case(#"{"node_name":["prod/*"]}"#, #"{"node_name":"kind-worker"}"#, false),
        Case(#"{"node_name":["/"]}"#, #"{"node_name":"Kind"}"#, false),
        Case(#"{"ip_version":["IP_NOT_USED"]}"#, #"{}"#, true),
        Case(#"{"ip_version":["IPv6"]}"#, #"{"IP":{"ipVersion":"IPv6"}}"#, true),
        Case(#"{"trace_id":[""]}"#, #"{}"#, true),
        Case(#"{"ip_trace_id":["0"]}"#, #"{}"#, true),
        Case(#"{"encrypted":[false]}"#, #"{}"#, true),
        Case(#"{"encrypted":[true]}"#, #"{"IP":{"encrypted":true}}"#, true),
        Case(#"{"verdict":["DROPPED"],"destination_port":["80"]}"#, #"{"verdict":"DROPPED"}"#, false),
        Case(#"{}"#, #"{}"#, true),
    ]

    @Test(arguments: cases)
    func matches(_ c: Case) throws {
        let filter = try Flow_FlowFilter(jsonString: c.filter)
        let flow = try Flow(jsonString: c.flow)
        #expect(try FlowFilterSet(allow: [filter]).matches(flow) == c.matches)
        // The same entry as a deny list drops exactly what it would allow.
        #expect(try FlowFilterSet(deny: [filter]).matches(flow) == !c.matches)
    }

    @Test(arguments: [
        (#"{"source_ip":["1.2.3"]}"#, #"invalid IP address "1.2.3" in filter: ParseAddr("1.2.3"): IPv4 address too short"#),
        (#"{"destination_ip":["1.2.3.0/33"]}"#, #"invalid IP prefix "1.2.3.0/33" in filter: netip.ParsePrefix("1.2.3.0/33"): prefix length out of range"#),
        (#"{"source_pod":[""]}"#, "invalid filter, name must not be empty"),
        (#"{"destination_service":[""]}"#, "invalid destination service filter: invalid filter, name must not be empty"),
        (#"{"source_fqdn":[""]}"#, "empty pattern"),
        (#"{"source_fqdn":["a.."]}"#, "multiple trailing dots in pattern"),
        (#"{"source_fqdn":["a!b"]}"#, "'!': invalid rune in pattern"),
        (#"{"source_label":["k in ("]}"#, "invalid source label filter: unable to parse requirement: found '', expected: ',', ')' or identifier"),
        (#"{"http_status_code":["6+"]}"#, #"invalid http status code filter: invalid status code prefix: "6+""#),
        (#"{"http_path":["("]}"#, "invalid http path filter: (: error parsing regexp: missing closing ): `(`"),
        (#"{"http_url":["a**"]}"#, "invalid http url filter: a**: error parsing regexp: invalid nested repetition operator: `**`"),
        (#"{"dns_query":["*a"]}"#, "invalid DNS query filter: failed to compile regexp: error parsing regexp: missing argument to repetition operator: `*`"),
        (#"{"protocol":["quic"]}"#, #"invalid protocol filter: unknown protocol: "quic""#),
        (#"{"source_port":["x"]}"#, #"invalid source port filter: invalid port "x": strconv.ParseUint: parsing "x": invalid syntax"#),
        (#"{"destination_port":["70000"]}"#, #"invalid destination port filter: invalid port "70000": strconv.ParseUint: parsing "70000": value out of range"#),
        (#"{"node_name":["a/b/c"]}"#, "too many slashes in pattern"),
        (#"{"source_cluster_name":[""]}"#, "invalid filter, name must not be empty"),
        (#"{"event_type":[{"type":1}],"http_method":["get"]}"#, "filtering by http method requires the event type filter to only match 'l7' events"),
    ])
    func rejects(filter: String, message: String) throws {
        let parsed = try Flow_FlowFilter(jsonString: filter)
        #expect(throws: FlowFilterError(message)) { try FlowFilterSet(allow: [parsed]) }
    }
    // Records without a flow: FlowQueryTests (FlowClient), where the rule for them lives.
}
