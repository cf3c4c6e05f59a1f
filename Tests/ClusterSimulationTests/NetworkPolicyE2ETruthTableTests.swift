import ClusterSimulation
import FlowModel
import PolicyEngine
import Testing

/// Cases of the Kubernetes e2e NetworkPolicy suite (test/e2e/network/netpol): namespaces x, y, z
/// labelled `ns`, pods a, b, c labelled `pod` in each, and the expected reachability of every pair,
/// with loopback always allowed (`AllowLoopback`), answered by `PolicyMatrix`.
@Suite struct NetworkPolicyE2ETruthTableTests {
    static let namespaces = ["x", "y", "z"]
    static let pods = ["a", "b", "c"]

    static func scenario(_ policies: String, enforcement: String = "cilium") throws -> Scenario {
        var yaml = "enforcement: \(enforcement)\nnodes: [{name: n1, podCIDR: 10.0.0.0/24}]\nnamespaces:\n"
        for ns in namespaces { yaml += "  - {name: \(ns), labels: {ns: \(ns)}}\n" }
        yaml += "pods:\n"
        for (i, ns) in namespaces.enumerated() {
            for (j, pod) in pods.enumerated() {
                yaml += "  - {name: \(pod), namespace: \(ns), node: n1, ip: 10.0.0.\(10 + i * 3 + j), labels: {pod: \(pod)}, "
                yaml += "ports: [{name: serve-80-tcp, port: 80}, {name: serve-81-tcp, port: 81}]}\n"
            }
        }
        yaml += "policies:\n" + policies.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        return try ScenarioDecoder.decode(yaml: yaml, file: "e2e.yaml")
    }

    /// The table as `from → to` denials; every other pair is allowed.
    static func denied(_ scenario: Scenario, port: Int = 80) -> Set<String> {
        let matrix = PolicyMatrix(scenario: scenario, ports: [(port, .tcp)])
        var denied: Set<String> = []
        for (i, from) in matrix.pods.enumerated() {
            for (j, to) in matrix.pods.enumerated() where matrix.tables[0].cells[i][j] == .denied { denied.insert("\(from)→\(to)") }
        }
        return denied
    }

    static func all(where predicate: (String, String) -> Bool) -> Set<String> {
        let names = namespaces.flatMap { ns in pods.map { "\(ns)/\($0)" } }
        var set: Set<String> = []
        for from in names { for to in names where from != to && predicate(from, to) { set.insert("\(from)→\(to)") } }
        return set
    }

    @Test func defaultDenyIngress() throws {
        let scenario = try Self.scenario("""
            - apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata: {name: deny-ingress, namespace: x}
              spec: {podSelector: {}, policyTypes: [Ingress]}
            """)
        #expect(Self.denied(scenario) == Self.all { _, to in to.hasPrefix("x/") })
    }

    @Test func defaultDenyAll() throws {
        let scenario = try Self.scenario("""
            - apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata: {name: deny-all, namespace: x}
              spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
            """)
        #expect(Self.denied(scenario) == Self.all { from, to in from.hasPrefix("x/") || to.hasPrefix("x/") })
    }

    @Test func allowFromPodsOfTheServerNamespaceByPodSelector() throws {
        let scenario = try Self.scenario("""
            - apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata: {name: x-a-from-b, namespace: x}
              spec:
                podSelector: {matchLabels: {pod: a}}
                ingress: [{from: [{podSelector: {matchLabels: {pod: b}}}]}]
            """)
        #expect(Self.denied(scenario) == Self.all { from, to in to == "x/a" && from != "x/b" })
    }

    @Test func namespaceSelectorWithMatchExpressions() throws {
        let scenario = try Self.scenario("""
            - apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata: {name: x-a-from-y, namespace: x}
              spec:
                podSelector: {matchLabels: {pod: a}}
                ingress: [{from: [{namespaceSelector: {matchExpressions: [{key: ns, operator: In, values: [y]}]}}]}]
            """)
        #expect(Self.denied(scenario) == Self.all { from, to in to == "x/a" && !from.hasPrefix("y/") })
    }

    @Test func namedPortAndAPortNotAllowed() throws {
        let scenario = try Self.scenario("""
            - apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata: {name: x-a-on-81-only, namespace: x}
              spec:
                podSelector: {matchLabels: {pod: a}}
                ingress: [{ports: [{port: serve-81-tcp}]}]
            """)
        #expect(Self.denied(scenario, port: 81).isEmpty)
        #expect(Self.denied(scenario, port: 80) == Self.all { _, to in to == "x/a" })
    }

    /// The e2e suite expects an `ipBlock` to select pods by address: upstream semantics, which
    /// Cilium does not follow (`enforcement: kubernetes` does).
    @Test func ipBlockExceptSelectsPodsOnlyWithUpstreamSemantics() throws {
        let policy = """
            - apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata: {name: x-a-from-block, namespace: x}
              spec:
                podSelector: {matchLabels: {pod: a}}
                ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/24, except: [10.0.0.13/32]}}]}]
            """
        #expect(Self.denied(try Self.scenario(policy, enforcement: "kubernetes")) == ["y/a→x/a"])
        #expect(Self.denied(try Self.scenario(policy)) == Self.all { _, to in to == "x/a" })
    }

    @Test func egressToOneNamespaceOnOnePort() throws {
        let scenario = try Self.scenario("""
            - apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata: {name: x-a-to-y, namespace: x}
              spec:
                podSelector: {matchLabels: {pod: a}}
                policyTypes: [Egress]
                egress: [{to: [{namespaceSelector: {matchLabels: {ns: y}}}], ports: [{port: 80, protocol: TCP}]}]
            """)
        #expect(Self.denied(scenario) == Self.all { from, to in from == "x/a" && !to.hasPrefix("y/") })
        #expect(Self.denied(scenario, port: 81) == Self.all { from, _ in from == "x/a" })
    }
}
