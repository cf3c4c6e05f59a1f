import FilterLanguage
import FlowModel
import HubbleAPI
import LoupeTestSupport
import Testing

/// On generated flows and generated expressions: the compiled matcher agrees with the tree-walking
/// evaluator, the pushed-down lists never reject a flow the expression accepts, and lists the planner
/// calls exact select exactly what the expression selects.
@Suite struct MatcherPropertyTests {
    static let atoms = [
        "ns == echo", "ns == galaxy", "src.ns == kube-system", "dst.ns != echo", "ns in {echo, universe}", "ns == \"ku*\"",
        "ns ~ \"^g\"", "pod == curl", "pod == \"echo-*\"", "dst.pod == \"echo/echo-*\"", "src.pod == \"*abc*\"", "pod == echo",
        "ip == 10.244.1.5", "ip == 10.244.0.0/16", "dst.ip in {10.96.0.10, fd00::/8}", "src.ip == 2001:db8::1",
        "port == 80", "dst.port in {80, 443, 8000..8080}", "src.port < 1024", "port >= 8000", "dst.port != 53",
        "port in {0}", "identity == world", "src.identity == 93339", "dst.identity in {71969, 102210}",
        "identity > 100000", "label == \"k8s:app=curl\"", "src.label == \"app=echo\"", "dst.label == \"reserved:world\"",
        "label == \"!app\"", "label == \"app in (curl, coredns),tier!=web\"", "dst.svc == kube-system/kube-dns",
        "svc == \"kube-*\"", "dst.svc == echo", "fqdn == \"*.cilium.io\"", "dst.fqdn == example.com", "fqdn ~ \"example\"",
        "workload == echo", "dst.workload == Deployment/echo", "src.workload == \"DaemonSet/*\"", "cluster == kind-kind",
        "src.cluster != prod", "verdict == DROPPED", "verdict in {FORWARDED, TRACED}", "verdict != FORWARDED",
        "drop_reason == POLICY_DENIED", "type == drop", "type == trace", "type == trace:to-endpoint", "type in {l7, trace-sock}",
        "type == policy-verdict", "direction == ingress", "direction != egress", "reply", "not reply", "reply == false",
        "proto == tcp", "proto in {udp, icmp}", "proto == http", "proto == dns", "proto == sctp", "tcp.syn",
        "tcp.syn and not tcp.ack", "tcp.fin == false", "tcp.flags == \"syn,ack\"", "tcp.flags in {fin, rst}",
        "tcp.flags != psh", "tcp.rst", "node == \"kind-*\"", "node == kind-worker2",
        "node == \"prod/*\"", "node.label == \"topology.kubernetes.io/zone=a\"", "http.method == get", "http.method in {post, put}",
        "http.path ~ \"^/api/v1/items/[0-9]+$\"", "http.path == /healthz", "http.url ~ \"ratings\"", "http.status >= 500",
        "http.status in {200, 404}", "http.status in {500..599}", "dns.query ~ \"\\.internal\\.$\"",
        "dns.query == example.com.", "dns.rcode != 0", "time > 2025-04-27T11:07:30Z", "time <= 2025-04-27T11:07:50Z",
        "uuid == u-1", "ipv == 6", "ipv == none", "encrypted", "interface == eth0", "trace_id == t1", "trace_id == \"\"",
        "ip_trace_id == 7", "has(dst.port)", "has(http.status)", "has(src.pod)", "src.ns == dst.ns", "src.ns != dst.ns",
        "src.port < dst.port", "src.identity == dst.identity", "src.ip == dst.ip", "true", "false",
    ]

    static func expression(_ random: inout SeededRandom, depth: Int) -> String {
        if depth == 0 || random.next() % 3 == 0 { return atoms[Int(random.next() % UInt64(atoms.count))] }
        let left = expression(&random, depth: depth - 1)
        let right = expression(&random, depth: depth - 1)
        switch random.next() % 5 {
        case 0: return "\(left) and \(right)"
        case 1: return "\(left) or \(right)"
        case 2: return "not (\(left))"
        case 3: return "(\(left)) and not (\(right))"
        default: return "(\(left) or \(right)) and \(atoms[Int(random.next() % UInt64(atoms.count))])"
        }
    }

    static let flows: [Flow] = {
        var random = SeededRandom(seed: 42)
        return (0..<600).map { _ in FlowGenerator.flow(&random) } + FixtureFlows.seed.prefix(200) + FixtureFlows.real.prefix(200)
    }()

    @Test func everyAtomCompiles() throws {
        for atom in Self.atoms { _ = try FilterExpression(atom, now: FixtureFlows.now) }
    }

    @Test(arguments: 0..<8)
    func compiledAgreesWithTreeAndPushDownIsSafe(batch: Int) throws {
        var random = SeededRandom(seed: UInt64(1000 + batch))
        var exactPlans = 0
        for _ in 0..<60 {
            let text = Self.expression(&random, depth: 3)
            let expression = try FilterExpression(text, now: FixtureFlows.now)
            let tree = expression.treeEvaluator
            let plan = expression.plan
            let pushed = try FlowFilterSet(allow: plan.allow, deny: plan.deny)
            if plan.isExact { exactPlans += 1 }
            for (index, flow) in Self.flows.enumerated() {
                let compiled = expression.matches(flow)
                guard compiled == tree.matches(flow) else {
                    Issue.record("compiled \(compiled) ≠ tree on flow \(index) for: \(text)")
                    return
                }
                let server = pushed.matches(flow)
                if compiled && !server {
                    Issue.record("push-down drops flow \(index) that \(text) accepts; plan:\n\(plan.explanation())")
                    return
                }
                if plan.isExact && compiled != server {
                    Issue.record("plan claims exact but the server would pass flow \(index) for: \(text)\n\(plan.explanation())")
                    return
                }
            }
        }
        #expect(exactPlans > 0)
    }

    /// Each atom alone, positively and negated: the sharpest check of the push-down of every field.
    @Test(arguments: atoms)
    func eachAtomPushesDownSafely(atom: String) throws {
        for text in [atom, "not (\(atom))"] {
            let expression = try FilterExpression(text, now: FixtureFlows.now)
            let plan = expression.plan
            let pushed = try FlowFilterSet(allow: plan.allow, deny: plan.deny)
            var accepted = 0
            for (index, flow) in Self.flows.enumerated() {
                let expected = expression.matches(flow)
                if expected { accepted += 1 }
                #expect(expected == expression.treeEvaluator.matches(flow), "flow \(index): \(text)")
                if expected && !pushed.matches(flow) {
                    Issue.record("push-down drops flow \(index) for \(text)\n\(plan.explanation())")
                    return
                }
                if plan.isExact && expected != pushed.matches(flow) {
                    Issue.record("inexact plan claimed exact on flow \(index) for \(text)\n\(plan.explanation())")
                    return
                }
            }
            if !["true", "false"].contains(atom) {
                #expect(accepted > 0 && accepted < Self.flows.count, "\(text) selects \(accepted) of \(Self.flows.count)")
            }
        }
    }
}
