import FilterLanguage
import FlowModel
import HubbleAPI
import Testing

/// An expression and the reference CLI's flags that mean the same thing select the same fixture flows,
/// the flags evaluated with the reference server's FlowFilter semantics.
@Suite struct ExpressionAgainstFlagsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var expression: String
        var flags: [(String, String)]
        var testDescription: String { expression }
    }

    static let cases: [Case] = [
        Case(expression: "verdict == DROPPED", flags: [("verdict", "DROPPED")]),
        Case(expression: "verdict != FORWARDED", flags: [("not", ""), ("verdict", "FORWARDED")]),
        Case(expression: "verdict in {DROPPED, REDIRECTED}", flags: [("verdict", "DROPPED"), ("verdict", "REDIRECTED")]),
        Case(expression: "ns == bookinfo", flags: [("namespace", "bookinfo")]),
        Case(expression: "ns != kube-system", flags: [("not", ""), ("namespace", "kube-system")]),
        Case(expression: "not ns == galaxy", flags: [("not", ""), ("namespace", "galaxy")]),
        Case(expression: "port == 53", flags: [("port", "53")]),
        Case(expression: "proto == udp", flags: [("protocol", "udp")]),
        Case(expression: "proto == DNS", flags: [("protocol", "dns")]),
        Case(expression: "proto == icmp", flags: [("protocol", "icmp")]),
        Case(expression: "src.identity == world", flags: [("from-identity", "2")]),
        Case(expression: "identity == 16777217", flags: [("identity", "16777217")]),
        Case(expression: "dst.identity == 71969", flags: [("to-identity", "71969")]),
        Case(expression: "label == \"k8s:app=productpage\"", flags: [("label", "k8s:app=productpage")]),
        Case(expression: "dst.label == \"reserved:world\"", flags: [("to-label", "reserved:world")]),
        Case(expression: "src.label == \"reserved:host\"", flags: [("from-label", "reserved:host")]),
        Case(expression: "ip == 10.244.0.0/16", flags: [("ip", "10.244.0.0/16")]),
        Case(expression: "dst.ip == 10.96.0.10", flags: [("to-ip", "10.96.0.10")]),
        Case(expression: "ipv == 6", flags: [("ipv6", "")]),
        Case(expression: "http.status in {500..599}", flags: [("http-status", "5+")]),
        Case(expression: "http.status == 404", flags: [("http-status", "404")]),
        Case(expression: "http.method == GET and http.path ~ \"/ratings/.*\"", flags: [("http-method", "get"), ("http-path", "/ratings/.*")]),
        Case(expression: "http.method == post", flags: [("http-method", "post")]),
        Case(expression: "http.path ~ \"/api/v1/items/[0-9]+\"", flags: [("http-path", "/api/v1/items/[0-9]+")]),
        Case(expression: "type == drop", flags: [("type", "drop")]),
        Case(expression: "type == policy-verdict", flags: [("type", "policy-verdict")]),
        Case(expression: "type == l7", flags: [("type", "l7")]),
        Case(expression: "type == trace-sock", flags: [("type", "trace-sock")]),
        Case(expression: "type == trace:to-overlay", flags: [("type", "trace:to-overlay")]),
        Case(expression: "drop_reason == POLICY_DENIED", flags: [("drop-reason-desc", "POLICY_DENIED")]),
        Case(expression: "tcp.syn", flags: [("tcp-flags", "syn")]),
        Case(expression: "tcp.syn and tcp.ack", flags: [("tcp-flags", "syn,ack")]),
        Case(expression: "tcp.flags == syn", flags: [("tcp-flags", "syn")]),
        Case(expression: "tcp.flags == \"SYN,ack\"", flags: [("tcp-flags", "syn,ack")]),
        Case(expression: "tcp.flags in {fin, rst}", flags: [("tcp-flags", "fin"), ("tcp-flags", "rst")]),
        Case(expression: "direction == ingress", flags: [("traffic-direction", "ingress")]),
        Case(expression: "pod == \"kube-system/coredns*\"", flags: [("pod", "kube-system/coredns")]),
        Case(expression: "ns == galaxy and pod == \"curl*\"", flags: [("pod", "galaxy/curl")]),
        Case(expression: "ns == bookinfo and proto == tcp and dst.port == 9080",
             flags: [("namespace", "bookinfo"), ("protocol", "tcp"), ("to-port", "9080")]),
        Case(expression: "src.ns == istio-system and dst.label == \"reserved:world\"",
             flags: [("from-namespace", "istio-system"), ("to-label", "reserved:world")]),
        Case(expression: "src.ns == universe and dst.ns == echo", flags: [("from-namespace", "universe"), ("to-namespace", "echo")]),
        Case(expression: "node == \"kind-*\"", flags: [("node-name", "kind-*")]),
        Case(expression: "node == kind-kind/kind-worker", flags: [("node-name", "kind-kind/kind-worker")]),
        Case(expression: "node.label == \"topology.kubernetes.io/zone=160001\"", flags: [("node-label", "topology.kubernetes.io/zone=160001")]),
        Case(expression: "uuid == \"c938628b-0c3a-4440-9ecd-3e3ca00d3a16\"", flags: [("uuid", "c938628b-0c3a-4440-9ecd-3e3ca00d3a16")]),
        Case(expression: "dst.svc == \"kube-system/kube-dns*\"", flags: [("to-service", "kube-system/kube-dns")]),
        Case(expression: "dst.pod == \"echo/echo-5dc8fd6498-kfvj6*\" and type == trace:to-endpoint",
             flags: [("to-pod", "echo/echo-5dc8fd6498-kfvj6"), ("type", "trace:to-endpoint")]),
        Case(expression: "src.label == \"k8s:app=curl\" and dst.label == \"k8s:app=echo\" and tcp.syn",
             flags: [("from-label", "k8s:app=curl"), ("to-label", "k8s:app=echo"), ("tcp-flags", "syn")]),
        Case(expression: "reply", flags: [("allowlist", #"{"reply":[true]}"#)]),
        // The flag keeps Cilium's rule (a drop without is_reply is not a reply); the expression says so.
        Case(expression: "reply == false or (verdict == DROPPED and not has(reply))",
             flags: [("allowlist", #"{"reply":[false]}"#)]),
        Case(expression: "fqdn == \"*.svc.cluster.local\"", flags: [("fqdn", "*.svc.cluster.local")]),
        Case(expression: "dns.query ~ \"cluster\\\\.local\\\\.$\"", flags: [("allowlist", #"{"dns_query":["cluster\\.local\\.$"]}"#)]),
        Case(expression: "encrypted", flags: [("encrypted", "")]),
        Case(expression: "not encrypted", flags: [("unencrypted", "")]),
    ]

    @Test(arguments: cases)
    func selectsTheSameFlows(_ c: Case) throws {
        let flows = FixtureFlows.all
        #expect(flows.count > 1000)
        let expression = try FilterExpression(c.expression, now: FixtureFlows.now)
        let lists = try HubbleFilterBuilder.build(c.flags.map { (name: $0.0, value: $0.1) })
        let reference = try FlowFilterSet(allow: lists.allow, deny: lists.deny)
        var selected = 0
        for (index, flow) in flows.enumerated() {
            let expected = reference.matches(flow)
            if expression.matches(flow) != expected {
                Issue.record("flow \(index): expression \(!expected), flags \(expected)")
                return
            }
            if expected { selected += 1 }
        }
        // Every case selects something and leaves something out in the corpora, or it proves little
        // (the corpora hold no encrypted flows and no DNS names; FlowFilterSemanticsTests covers those).
        #expect(selected > 0 || c.expression.contains("encrypted") || c.expression.contains("fqdn"))
        #expect(selected < flows.count || c.expression.contains("encrypted"))
    }
}
