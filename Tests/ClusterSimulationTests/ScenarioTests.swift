import ClusterSimulation
import FlowModel
import Foundation
import LoupeTestSupport
import PolicyEngine
import Testing

/// The seed scenario, its policy answers, and the errors a bad scenario gets.
@Suite struct ScenarioTests {
    static func seed() throws -> Scenario {
        let url = Fixtures.checkout.appendingPathComponent("scenarios/seed.yaml")
        return try ScenarioDecoder.decode(yaml: try String(contentsOf: url, encoding: .utf8), file: "scenarios/seed.yaml")
    }

    @Test func theSeedScenario() throws {
        let scenario = try Self.seed()
        #expect(scenario.cluster == "kind-kind")
        #expect(scenario.nodes.map(\.name) == ["kind-control-plane", "kind-worker", "kind-worker2"])
        #expect(scenario.pod("universe/curl")?.identity == 93339)
        #expect(scenario.pod("galaxy/curl")?.identity == 102210)
        #expect(scenario.pod("echo/echo-5dc8fd6498-kfvj6")?.identity == 71969)
        #expect(scenario.namespaces.first { $0.name == "universe" }?.labels["kubernetes.io/metadata.name"] == "universe")
        #expect(scenario.policies.map(\.name) == ["allow-universe-to-echo"])
        #expect(scenario.service(host: "echo.echo.svc.cluster.local")?.ports.first?.targetPort == 80)
        #expect(scenario.traffic.count == 2)
    }

    @Test func policyExplainNamesTheDecidingPolicy() throws {
        let scenario = try Self.seed()
        let universe = try scenario.explainPolicy(from: "universe/curl", to: "echo/echo-5dc8fd6498-kfvj6:80")
        #expect(universe.count == 1)
        #expect(universe[0].verdict.allowed)
        #expect(universe[0].text == """
            universe/curl -> echo/echo-5dc8fd6498-kfvj6:80/TCP: ALLOWED
              egress at universe/curl: allowed: no policy selects the pod for egress
              ingress at echo/echo-5dc8fd6498-kfvj6: allowed by echo/allow-universe-to-echo
                policies[0].spec.ingress[0] (NetworkPolicy echo/allow-universe-to-echo)

            """)
        let galaxy = try scenario.explainPolicy(from: "galaxy/curl", to: "echo.echo.svc.cluster.local:80")
        #expect(!galaxy[0].verdict.allowed)
        #expect(galaxy[0].text.contains(
            "ingress at echo/echo-5dc8fd6498-kfvj6: denied: echo/allow-universe-to-echo selects the pod for ingress, and no rule allows galaxy/curl on 80/TCP"))
        #expect(try scenario.explainPolicy(from: "galaxy/curl", to: "kube-dns.kube-system.svc.cluster.local:53/udp")[0].verdict.allowed)
        #expect(throws: Scenario.QueryError.self) { try scenario.explainPolicy(from: "nowhere/x", to: "echo/echo-5dc8fd6498-kfvj6:80") }
    }

    @Test func identitiesFollowLabelSets() throws {
        let yaml = """
            nodes: [{name: n1}]
            namespaces: [{name: a}]
            pods:
              - {name: p1, namespace: a, node: n1, ip: 10.0.0.1, labels: {app: x}}
              - {name: p2, namespace: a, node: n1, ip: 10.0.0.2, labels: {app: x}}
              - {name: p3, namespace: a, node: n1, ip: 10.0.0.3, labels: {app: y}, identity: 10000}
            """
        let scenario = try ScenarioDecoder.decode(yaml: yaml, file: "s.yaml")
        #expect(scenario.pods[0].identity == scenario.pods[1].identity)
        #expect(scenario.pods[0].identity != 10000)
        #expect(scenario.pods[2].identity == 10000)
    }

    @Test(arguments: [
        ("nodes: [{name: n1}]\nnamespaces: [{name: a}]\npods: [{name: p, namespace: b, node: n1, ip: 10.0.0.1}]",
         "s.yaml:3: pods[0].namespace: namespace \"b\" is not declared in namespaces"),
        ("nodes: [{name: n1, podCIDR: 10.1.0.0/24}]\nnamespaces: [{name: a}]\npods: [{name: p, namespace: a, node: n1, ip: 10.0.0.1}]",
         "s.yaml:3: pods[0].ip: 10.0.0.1 is outside n1's pod CIDR 10.1.0.0/24"),
        ("nodes: [{name: n1}]\nnamespaces: [{name: a}]\npods: [{name: p, namespace: a, nodes: n1, ip: 10.0.0.1}]",
         "s.yaml:3: pods[0].nodes: unknown field; did you mean \"node\"?"),
        ("nodes: [{name: n1}]\nnamespaces: [{name: a}]\npolicies:\n  - {apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: p, namespace: a}, spec: {podSelector: {}, ingress: [{ports: [{port: 0}]}]}}",
         "s.yaml:4: policies[0].spec.ingress[0].ports[0].port: 0 is out of range 1-65535"),
        ("nodes: [{name: n1}]\nnamespaces: [{name: a}]\npods: [{name: p, namespace: a, node: n1, ip: 10.0.0.1}]\ntraffic: [{from: a/q, to: 'x:80'}]",
         "s.yaml:4: traffic[0].from: \"a/q\" is not a pod of the scenario (write namespace/name)"),
        ("namespaces: [{name: a}]", "s.yaml:1: nodes: a scenario needs at least one node"),
        // YAML's own mistakes: the line and the problem, not the whole file.
        ("nodes: [{name: n1}]\nnamespaces:\n  - name: a\n    name: b\n",
         "s.yaml:4: key 'name' appears twice in the same mapping (first on line 3)"),
        ("nodes: [{name: n1}]\nnamespaces: [\n", "s.yaml:3: not valid YAML: did not find expected node content"),
    ])
    func badScenariosAreLocated(yaml: String, message: String) {
        do {
            _ = try ScenarioDecoder.decode(yaml: yaml, file: "s.yaml")
            Issue.record("accepted")
        } catch {
            #expect(error.description == message)
        }
    }
}

/// `policy explain` over Cilium's policies: the rules by path, the proxy's answers, the matrix.
@Suite struct CiliumExplainTests {
    static func seedL7() throws -> Scenario {
        let url = Fixtures.checkout.appendingPathComponent("scenarios/seed-l7.yaml")
        return try ScenarioDecoder.decode(yaml: try String(contentsOf: url, encoding: .utf8), file: "scenarios/seed-l7.yaml")
    }

    @Test func theProxyAnswersWhatTheL7RulesDoNotAllow() throws {
        let scenario = try Self.seedL7()
        let post = try scenario.explainPolicy(.init(from: "universe/curl", to: "echo.echo:80", http: "POST /"))
        #expect(post.count == 1 && post[0].verdict.allowed && !post[0].allowed)
        #expect(post[0].text == """
            universe/curl -> echo/echo-5dc8fd6498-kfvj6:80/TCP: DENIED (the proxy answers 403 Access denied)
              egress at universe/curl: allowed: no policy selects the pod for egress
              ingress at echo/echo-5dc8fd6498-kfvj6: allowed by echo/echo-ingress
                policies[0].spec.ingress[0].toPorts[0] (CiliumNetworkPolicy echo/echo-ingress)
              proxy: HTTP POST /: answers 403 Access denied: no rule allows it; checked:
                policies[0].spec.ingress[0].toPorts[0].rules.http[0] (CiliumNetworkPolicy echo/echo-ingress)

            """)
        let get = try scenario.explainPolicy(.init(from: "universe/curl", to: "echo/echo:80", http: "GET /"))
        #expect(get[0].allowed)
        #expect(get[0].proxy?.permittedBy?.path == "policies[0].spec.ingress[0].toPorts[0].rules.http[0]")
        #expect(get[0].json.contains(#""proxy":{"kind":"HTTP","request":"GET /","allowed":true,"rule":"policies[0].spec.ingress[0].toPorts[0].rules.http[0]"}"#))
    }

    @Test func denyRulesExternalNamesAndLookups() throws {
        let scenario = try Self.seedL7()
        let galaxy = try scenario.explainPolicy(.init(from: "galaxy/curl", to: "10.96.112.175:80"))
        #expect(galaxy[0].verdict.ingress == .deniedByRule(by: ["echo/echo-ingress"]))
        #expect(galaxy[0].text.contains("    policies[0].spec.ingressDeny[0] (CiliumNetworkPolicy echo/echo-ingress)\n"))
        let github = try scenario.explainPolicy(.init(from: "echo/echo-5dc8fd6498-kfvj6", to: "api.github.com:443"))
        #expect(github[0].allowed && github[0].verdict.egressRules.map(\.path) == ["policies[1].spec.egress[1].toPorts[0]"])
        let other = try scenario.explainPolicy(.init(from: "10.244.1.87", to: "93.184.215.14:443"))
        #expect(!other[0].allowed && other[0].connection.destinationNames == ["example.com"])
        let unproxied = try scenario.explainPolicy(.init(from: "universe/curl", to: nil, dns: "evil.example"))
        #expect(unproxied[0].allowed && unproxied[0].text.hasSuffix("  note: no L7 rule applies to DNS lookups on this connection: no proxy inspects them, and they go through\n"))
        let lookup = try scenario.explainPolicy(.init(from: "echo/echo-5dc8fd6498-kfvj6", to: nil, dns: "api.github.com"))
        #expect(lookup[0].proxy?.kind == .dns && lookup[0].proxy?.permittedBy?.path == "policies[1].spec.egress[0].toPorts[0].rules.dns[0]")
        // A node's address is the host entity to its own pods and remote-node to the others.
        let node = try scenario.explainPolicy(.init(from: "echo/echo-5dc8fd6498-kfvj6", to: "172.18.0.3:10250"))
        #expect(node[0].connection.destination == .reserved(.host, IPAddress.parse("172.18.0.3")))
        #expect(!node[0].allowed)
        #expect(throws: Scenario.QueryError.self) { try scenario.explainPolicy(.init(from: "universe/curl", to: "echo.echo:80", http: "GET")) }
    }

    @Test func theMatrixAnswersEveryPair() throws {
        let matrix = PolicyMatrix(scenario: try Self.seedL7(), ports: [(80, .tcp)], http: nil)
        #expect(matrix.text == """
            80/TCP: . allowed, X denied, L through the L7 proxy (its rules judge each request), R refused by the proxy
            -\techo/echo-5dc8fd6498-kfvj6\tgalaxy/curl\tkube-system/coredns-674b8bbfcf-x8kqp\tuniverse/curl
            echo/echo-5dc8fd6498-kfvj6\t.\tX\tX\tX
            galaxy/curl\tX\t.\t.\t.
            kube-system/coredns-674b8bbfcf-x8kqp\tX\t.\t.\t.
            universe/curl\tL\t.\t.\t.

            """)
        let post = PolicyMatrix(scenario: try Self.seedL7(), ports: [(80, .tcp)], http: HTTPRequest(method: "POST", path: "/"))
        #expect(post.tables[0].cells[3][0] == .refused)
        let lines = post.jsonLines.split(separator: "\n")
        #expect(lines.count == 16)
        #expect(lines.contains(
            #"{"from":"galaxy/curl","to":"echo/echo-5dc8fd6498-kfvj6","port":80,"protocol":"TCP","verdict":"denied","egress":{"decision":"not-isolated","policies":[],"rules":[]},"ingress":{"decision":"denied-by-rule","policies":["echo/echo-ingress"],"rules":[{"path":"policies[0].spec.ingressDeny[0]","kind":"CiliumNetworkPolicy","policy":"echo/echo-ingress"}]}}"#))
    }
}

/// An `ipBlock` holding a pod's address: ignored as Cilium ignores it, applied with
/// `enforcement: kubernetes`, and `policy explain` says which.
@Suite struct EnforcementTests {
    static func scenario(_ enforcement: String) throws -> Scenario {
        try ScenarioDecoder.decode(yaml: """
            enforcement: \(enforcement)
            nodes: [{name: n1, podCIDR: 10.244.0.0/24}]
            namespaces: [{name: x}, {name: y}]
            pods:
              - {name: a, namespace: x, node: n1, ip: 10.244.0.10, labels: {app: a}}
              - {name: b, namespace: y, node: n1, ip: 10.244.0.20, labels: {app: b}}
            policies:
              - apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: from-block, namespace: x}
                spec:
                  podSelector: {}
                  ingress: [{from: [{ipBlock: {cidr: 10.244.0.20/32}}]}]
            """, file: "e.yaml")
    }

    @Test func ciliumIgnoresAnIPBlockHoldingAPodAndSaysSo() throws {
        let answer = try Self.scenario("cilium").explainPolicy(from: "y/b", to: "x/a:80")[0]
        #expect(!answer.allowed)
        #expect(answer.text.contains(
            "  note: policies[0].spec.ingress[0].from[0].ipBlock 10.244.0.20/32 holds y/b's address, but Cilium does not apply CIDR rules to pods"))
        let upstream = try Self.scenario("kubernetes").explainPolicy(from: "y/b", to: "x/a:80")[0]
        #expect(upstream.allowed)
        #expect(!upstream.text.contains("note:"))
        #expect(throws: PolicyDecodingError.self) { try Self.scenario("calico") }
    }
}
