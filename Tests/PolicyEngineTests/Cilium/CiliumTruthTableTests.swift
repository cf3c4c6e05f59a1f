import FlowModel
import HubbleAPI
import PolicyEngine
import Testing

/// Truth tables from Cilium's documented examples (docs.cilium.io: the Star Wars demo of "Getting
/// Started", "Layer 3 Examples", "Layer 4 Examples", "Layer 7 Examples", "Deny Policies").
@Suite struct CiliumTruthTableTests {
    static func pod(_ namespace: String, _ name: String, _ labels: [String: String], sa: String = "default", ip: String? = nil) -> PolicyEndpoint {
        .pod(.init(namespace: namespace, name: name, labels: labels, ip: ip.flatMap(IPAddress.parse), serviceAccount: sa))
    }

    static let deathstar = pod("default", "deathstar", ["org": "empire", "class": "deathstar"])
    static let tiefighter = pod("default", "tiefighter", ["org": "empire", "class": "tiefighter"])
    static let xwing = pod("default", "xwing", ["org": "alliance", "class": "xwing"])
    static let otherEmpire = pod("other", "tiefighter", ["org": "empire", "class": "tiefighter"])
    static let kubeDNS = pod("kube-system", "coredns", ["k8s-app": "kube-dns"])
    static func world(_ ip: String) -> PolicyEndpoint { .external(IPAddress.parse(ip)!) }

    static func set(_ yaml: String) throws -> PolicySet {
        let policies = try PolicyDecoder.decodeAll(yaml: yaml, file: "policy.yaml")
        return PolicySet(
            policies: policies.kubernetes, ciliumPolicies: policies.cilium,
            namespaceLabels: ["default": [:], "other": ["team": "red"], "kube-system": [:]])
    }

    static func check(_ set: PolicySet, _ from: PolicyEndpoint, _ to: PolicyEndpoint, _ port: Int, _ transport: Transport = .tcp, names: [String] = []) -> PolicyVerdict {
        set.evaluate(PolicyConnection(source: from, destination: to, port: port, protocol: transport, destinationNames: names))
    }

    static let rule1 = """
        apiVersion: "cilium.io/v2"
        kind: CiliumNetworkPolicy
        metadata:
          name: "rule1"
        spec:
          description: "L3-L4 policy to restrict deathstar access to empire ships only"
          endpointSelector:
            matchLabels:
              org: empire
              class: deathstar
          ingress:
          - fromEndpoints:
            - matchLabels:
                org: empire
            toPorts:
            - ports:
              - port: "80"
                protocol: TCP
        """

    @Test func starWarsL3L4() throws {
        let set = try Self.set(Self.rule1)
        let allowed = Self.check(set, Self.tiefighter, Self.deathstar, 80)
        #expect(allowed.allowed)
        #expect(allowed.ingress == .allowed(by: ["default/rule1"]))
        #expect(allowed.ingressRules.map(\.path) == ["spec.ingress[0].toPorts[0]"])
        #expect(allowed.ingressProxy == nil)
        #expect(Self.check(set, Self.xwing, Self.deathstar, 80).ingress == .denied(isolatedBy: ["default/rule1"]))
        #expect(!Self.check(set, Self.tiefighter, Self.deathstar, 443).allowed)
        #expect(!Self.check(set, Self.tiefighter, Self.deathstar, 80, .udp).allowed)
        // The namespace is injected into fromEndpoints: empire ships of another namespace are denied.
        #expect(!Self.check(set, Self.otherEmpire, Self.deathstar, 80).allowed)
        // The policy selects only the deathstar; egress is untouched.
        #expect(Self.check(set, Self.xwing, Self.tiefighter, 80).allowed)
        #expect(Self.check(set, Self.deathstar, Self.world("1.1.1.1"), 443).egress == .notIsolated)
    }

    @Test func starWarsL7() throws {
        let yaml = Self.rule1 + """

                  rules:
                    http:
                    - method: "POST"
                      path: "/v1/request-landing"
            """
        let set = try Self.set(yaml)
        let verdict = Self.check(set, Self.tiefighter, Self.deathstar, 80)
        #expect(verdict.allowed)
        let proxy = try #require(verdict.ingressProxy)
        #expect(proxy.permit(HTTPRequest(method: "POST", path: "/v1/request-landing"))?.path == "spec.ingress[0].toPorts[0].rules.http[0]")
        #expect(proxy.permit(HTTPRequest(method: "PUT", path: "/v1/exhaust-port")) == nil)
        // Full matches: a longer path or method is not the rule's.
        #expect(proxy.permit(HTTPRequest(method: "POST", path: "/v1/request-landing/x")) == nil)
        #expect(proxy.permit(HTTPRequest(method: "XPOST", path: "/v1/request-landing")) == nil)
        #expect(!Self.check(set, Self.xwing, Self.deathstar, 80).allowed)
    }

    @Test func anL3L4RuleWithoutL7OnTheSamePortAllowsEveryRequest() throws {
        let set = try Self.set(Self.rule1 + """

                  rules:
                    http:
                    - method: "GET"
            ---
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: tiefighters-all, namespace: default}
            spec:
              endpointSelector: {matchLabels: {class: deathstar}}
              ingress:
              - fromEndpoints: [{matchLabels: {class: tiefighter}}]
                toPorts: [{ports: [{port: "80", protocol: TCP}]}]
            """)
        let tiefighter = try #require(Self.check(set, Self.tiefighter, Self.deathstar, 80).ingressProxy)
        #expect(tiefighter.permit(HTTPRequest(method: "DELETE", path: "/")) != nil)
        // Another empire ship gets only the GET rule.
        let interceptor = Self.pod("default", "interceptor", ["org": "empire", "class": "interceptor"])
        let other = try #require(Self.check(set, interceptor, Self.deathstar, 80).ingressProxy)
        #expect(other.permit(HTTPRequest(method: "DELETE", path: "/")) == nil)
        #expect(other.permit(HTTPRequest(method: "GET", path: "/")) != nil)
    }

    @Test func headers() throws {
        let set = try Self.set("""
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: l7-headers}
            spec:
              endpointSelector: {matchLabels: {class: deathstar}}
              ingress:
              - toPorts:
                - ports: [{port: "80", protocol: TCP}]
                  rules:
                    http:
                    - method: GET
                      path: "/v1/.*"
                      headers: ["X-My-Header: true", "X-Present"]
                    - headerMatches: [{name: X-Token, value: secret}]
            """)
        let proxy = try #require(Self.check(set, Self.xwing, Self.deathstar, 80).ingressProxy)
        let both = [HTTPRule.Header(name: "x-my-header", value: "true"), .init(name: "X-Present", value: "")]
        #expect(proxy.permit(HTTPRequest(method: "GET", path: "/v1/a", headers: both)) != nil)
        #expect(proxy.permit(HTTPRequest(method: "GET", path: "/v1/a", headers: [both[0]])) == nil)
        #expect(proxy.permit(HTTPRequest(method: "GET", path: "/v1/a", headers: [.init(name: "X-My-Header", value: "false"), both[1]])) == nil)
        #expect(proxy.permit(HTTPRequest(method: "PUT", path: "/", headers: [.init(name: "X-Token", value: "secret")]))?.path
            == "spec.ingress[0].toPorts[0].rules.http[1]")
    }
}

/// The review's cases: how entries and proxies combine.
@Suite struct CiliumCombinationTests {
    typealias T = CiliumTruthTableTests

    @Test func everyToPortsItemCountsAndAnEmptyRuleListIsNoL7() throws {
        let set = try T.set("""
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: two-items}
            spec:
              endpointSelector: {matchLabels: {class: deathstar}}
              ingress:
              - fromEndpoints: [{matchLabels: {org: empire}}]
                toPorts:
                - ports: [{port: "80", protocol: TCP}]
                  rules: {http: [{method: GET}]}
                - ports: [{port: "80", protocol: TCP}]
                  rules: {http: [{method: PUT}]}
              - fromEndpoints: [{matchLabels: {org: alliance}}]
                toPorts:
                - ports: [{port: "80", protocol: TCP}]
                  rules: {http: [{method: GET}]}
                - ports: [{port: "80", protocol: TCP}]
                  rules: {http: []}
            """)
        let empire = try #require(T.check(set, T.tiefighter, T.deathstar, 80).ingressProxy)
        #expect(empire.permit(HTTPRequest(method: "PUT", path: "/")) != nil && empire.permit(HTTPRequest(method: "POST", path: "/")) == nil)
        let alliance = try #require(T.check(set, T.xwing, T.deathstar, 80).ingressProxy)
        #expect(alliance.permit(HTTPRequest(method: "POST", path: "/")) != nil, "an item without L7 rules lets every request through")
    }

    @Test func serverNamesAreTheProxysToCheck() throws {
        let set = try T.set("""
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: sni}
            spec:
              endpointSelector: {matchLabels: {class: tiefighter}}
              egress:
              - toPorts: [{ports: [{port: "443", protocol: TCP}], serverNames: ["*.cilium.io"]}]
            """)
        let verdict = T.check(set, T.tiefighter, T.world("104.198.14.52"), 443)
        #expect(verdict.allowed, "the connection reaches the proxy")
        let proxy = try #require(verdict.egressProxy)
        #expect(proxy.permit(serverName: "docs.cilium.io")?.path == "spec.egress[0].toPorts[0].serverNames[0]")
        #expect(proxy.permit(serverName: "cilium.io") == nil && proxy.permit(serverName: nil) == nil)
    }

    @Test func authenticationThatFailsAllowsNothing() throws {
        let set = try T.set("""
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: auth}
            spec:
              endpointSelector: {matchLabels: {class: deathstar}}
              ingress:
              - fromEndpoints: [{matchLabels: {org: empire}}]
                authentication: {mode: test-always-fail}
              - fromEndpoints: [{matchLabels: {org: alliance}}]
                authentication: {mode: required}
            """)
        #expect(!T.check(set, T.tiefighter, T.deathstar, 80).allowed)
        #expect(T.check(set, T.xwing, T.deathstar, 80).allowed)
    }

    @Test func whatCiliumAcceptsIsAcceptedAndWhatItRefusesIsRefused() throws {
        let vrrp = try CiliumPolicyDecoderTests.decode(
            "spec: {endpointSelector: {}, ingress: [{toPorts: [{ports: [{protocol: VRRP}, {port: \"80\", endPort: 79, protocol: TCP}]}]}]}")
        let set = PolicySet(policies: [], ciliumPolicies: vrrp.cilium, namespaceLabels: ["echo": [:]])
        let echo = T.pod("echo", "e", ["app": "e"])
        #expect(set.evaluate(PolicyConnection(source: T.xwing, destination: echo, port: 80)).allowed)
        #expect(!set.evaluate(PolicyConnection(source: T.xwing, destination: echo, port: 79)).allowed)
        #expect(throws: PolicyDecodingError.self) {
            try CiliumPolicyDecoderTests.decode("spec: {endpointSelector: {}, egress: [{toPorts: [{rules: {dns: [{matchPattern: \"*\"}]}}]}]}")
        }
        #expect(throws: PolicyDecodingError.self) {
            try CiliumPolicyDecoderTests.decode("spec: {endpointSelector: {}, egress: [{toCIDRSet: [{cidr: 10.0.0.1}]}]}")
        }
    }
}
