import ClusterSimulation
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
