import FlowModel
import HubbleAPI
import PolicyEngine
import Testing

/// Entities, CIDRs, DNS names, deny rules and default deny, from Cilium's documented examples.
@Suite struct CiliumL3TruthTableTests {
    typealias T = CiliumTruthTableTests
    static let dev = T.pod("default", "dev", ["env": "dev"], ip: "10.0.1.5")
    static let prod = T.pod("default", "prod", ["env": "prod"], ip: "10.0.1.6")
    static let host = PolicyEndpoint.reserved(.host, IPAddress.parse("192.168.0.10"))
    static let remoteNode = PolicyEndpoint.reserved(.remoteNode, IPAddress.parse("192.168.0.11"))
    static let apiServer = PolicyEndpoint.reserved(.kubeAPIServer, IPAddress.parse("192.168.0.12"))

    @Test func worldIsDeniedByADenyRuleThatWinsOverAllowAll() throws {
        // docs "Deny Policies": external-lockdown.
        let set = try T.set("""
            apiVersion: "cilium.io/v2"
            kind: CiliumClusterwideNetworkPolicy
            metadata:
              name: "external-lockdown"
            spec:
              endpointSelector: {}
              ingressDeny:
              - fromEntities:
                - "world"
              ingress:
              - fromEntities:
                - "all"
            """)
        let fromWorld = T.check(set, T.world("8.8.8.8"), T.deathstar, 80)
        #expect(fromWorld.ingress == .deniedByRule(by: ["external-lockdown"]))
        #expect(fromWorld.ingressRules.map(\.path) == ["spec.ingressDeny[0]"])
        #expect(fromWorld.ingressRules.map(\.kind) == ["CiliumClusterwideNetworkPolicy"])
        #expect(T.check(set, T.xwing, T.deathstar, 80).ingress == .allowed(by: ["external-lockdown"]))
        #expect(T.check(set, Self.host, T.deathstar, 80).allowed)
    }

    @Test func aDenyOnOnePortLeavesTheOthers() throws {
        // docs "Deny Policies" reference table: allow L3 + L4 80, 81; deny L4 80.
        let set = try T.set("""
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: allow}
            spec:
              endpointSelector: {matchLabels: {class: deathstar}}
              ingress:
              - fromEndpoints: [{matchLabels: {org: empire}}]
                toPorts: [{ports: [{port: "80", protocol: TCP}, {port: "81", protocol: TCP}]}]
            ---
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: deny-80}
            spec:
              endpointSelector: {matchLabels: {class: deathstar}}
              ingressDeny:
              - toPorts: [{ports: [{port: "80", protocol: TCP}]}]
            """)
        #expect(T.check(set, T.tiefighter, T.deathstar, 80).ingress == .deniedByRule(by: ["default/deny-80"]))
        #expect(T.check(set, T.tiefighter, T.deathstar, 81).ingress == .allowed(by: ["default/allow"]))
        #expect(T.check(set, T.xwing, T.deathstar, 81).ingress == .denied(isolatedBy: ["default/allow", "default/deny-80"]))
    }

    @Test func entities() throws {
        // docs "Layer 3 Examples", entities: dev pods may reach the host and the cluster only.
        let set = try T.set("""
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: dev-to-host}
            spec:
              endpointSelector: {matchLabels: {env: dev}}
              egress:
              - toEntities: [host]
              - toEntities: [kube-apiserver]
                toPorts: [{ports: [{port: "443", protocol: TCP}]}]
            """)
        #expect(T.check(set, Self.dev, Self.host, 22).allowed)
        #expect(!T.check(set, Self.dev, Self.remoteNode, 22).allowed)
        #expect(T.check(set, Self.dev, Self.apiServer, 443).allowed)
        #expect(!T.check(set, Self.dev, Self.apiServer, 6443).allowed)
        #expect(!T.check(set, Self.dev, Self.prod, 80).allowed)
        #expect(!T.check(set, Self.dev, T.world("1.1.1.1"), 443).allowed)
        // The host entity allows ICMP too: an L3 rule has every port and protocol.
        #expect(T.check(set, Self.dev, Self.host, 8, .icmp).allowed)

        let cluster = try T.set("""
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: from-cluster}
            spec:
              endpointSelector: {matchLabels: {env: prod}}
              ingress: [{fromEntities: [cluster]}]
            """)
        #expect(T.check(cluster, T.otherEmpire, Self.prod, 80).allowed)
        #expect(T.check(cluster, Self.remoteNode, Self.prod, 80).allowed)
        #expect(!T.check(cluster, T.world("1.1.1.1"), Self.prod, 80).allowed)
        // remote-node also selects the kube-apiserver identity, which carries its label.
        let remote = try T.set("""
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: from-nodes}
            spec:
              endpointSelector: {}
              ingress: [{fromEntities: [remote-node]}]
            """)
        #expect(T.check(remote, Self.apiServer, Self.prod, 80).allowed)
        #expect(!T.check(remote, .reserved(.health, nil), Self.prod, 80).allowed)
        // The node's own host reaches its pods whatever the policies (allow-localhost).
        #expect(T.check(remote, Self.host, Self.prod, 80).ingressRules.map(\.policy) == ["allow-localhost"])
    }

    @Test func cidrRulesSelectOnlyAddressesOutsideTheCluster() throws {
        // docs "Layer 3 Examples", CIDR-based: toCIDR and toCIDRSet with except.
        let set = try T.set("""
            apiVersion: "cilium.io/v2"
            kind: CiliumNetworkPolicy
            metadata:
              name: "cidr-rule"
            spec:
              endpointSelector:
                matchLabels:
                  env: dev
              egress:
              - toCIDR:
                - 20.1.1.1/32
              - toCIDRSet:
                - cidr: 10.0.0.0/8
                  except:
                  - 10.96.0.0/12
            """)
        #expect(T.check(set, Self.dev, T.world("20.1.1.1"), 443).allowed)
        #expect(!T.check(set, Self.dev, T.world("20.1.1.2"), 443).allowed)
        #expect(T.check(set, Self.dev, T.world("10.1.2.3"), 443).egressRules.map(\.path) == ["spec.egress[1]"])
        #expect(!T.check(set, Self.dev, T.world("10.96.0.10"), 443).allowed)
        // A pod's address is in 10.0.0.0/8, but CIDR rules never select pods or nodes.
        #expect(!T.check(set, Self.dev, Self.prod, 80).allowed)
        #expect(!T.check(set, Self.dev, .reserved(.remoteNode, IPAddress.parse("10.0.0.1")), 80).allowed)
    }

    @Test func dnsNamesSelectOnlyWhatTheProxyResolved() throws {
        // docs "Layer 7 Examples" / "DNS-based": toFQDNs with a DNS rule on the way to kube-dns.
        let set = try T.set("""
            apiVersion: "cilium.io/v2"
            kind: CiliumNetworkPolicy
            metadata:
              name: "to-fqdn"
            spec:
              endpointSelector:
                matchLabels:
                  env: dev
              egress:
                - toEndpoints:
                  - matchLabels:
                      "k8s:io.kubernetes.pod.namespace": kube-system
                      "k8s:k8s-app": kube-dns
                  toPorts:
                    - ports:
                       - port: "53"
                         protocol: ANY
                      rules:
                        dns:
                          - matchPattern: "*"
                - toFQDNs:
                    - matchName: "api.github.com"
                    - matchPattern: "*.cilium.io"
            """)
        let dns = T.check(set, Self.dev, T.kubeDNS, 53, .udp)
        #expect(dns.allowed)
        #expect(dns.egressProxy?.permit(dnsQuery: "anything.example.") != nil)
        let github = T.world("140.82.112.5")
        #expect(T.check(set, Self.dev, github, 443, names: ["api.github.com"]).allowed)
        #expect(T.check(set, Self.dev, github, 443, names: ["API.GitHub.com."]).allowed)
        #expect(!T.check(set, Self.dev, github, 443).allowed)
        #expect(T.check(set, Self.dev, T.world("104.198.14.52"), 443, names: ["docs.cilium.io"]).allowed)
        #expect(!T.check(set, Self.dev, T.world("104.198.14.52"), 443, names: ["cilium.io"]).allowed)
        #expect(!T.check(set, Self.dev, T.world("104.198.14.52"), 443, names: ["a.docs.cilium.io"]).allowed)
    }

    @Test func dnsPatterns() {
        // pkg/fqdn/matchpattern examples.
        let star = DNSNamePattern(.matchPattern, "*.cilium.io")
        #expect(star.matches("sub.cilium.io") && !star.matches("cilium.io") && !star.matches("a.b.cilium.io"))
        let glued = DNSNamePattern(.matchPattern, "*cilium.io")
        #expect(glued.matches("cilium.io") && glued.matches("sub-cilium.io") && !glued.matches("www.cilium.io"))
        let prefix = DNSNamePattern(.matchPattern, "sub*.cilium.io")
        #expect(prefix.matches("sub.cilium.io") && prefix.matches("subdomain.cilium.io") && !prefix.matches("dub.cilium.io"))
        let deep = DNSNamePattern(.matchPattern, "**.cilium.io")
        #expect(deep.matches("app.cilium.io") && deep.matches("test.app.cilium.io") && !deep.matches("cilium.io"))
        #expect(DNSNamePattern(.matchPattern, "**").matches("any.thing."))
        #expect(DNSNamePattern(.matchName, "cilium.io").matches("CILIUM.io."))
    }

    @Test func defaultDenyAndItsSwitch() throws {
        let denyAll = try T.set("""
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: deny-ingress}
            spec:
              endpointSelector: {matchLabels: {env: prod}}
              ingress:
              - {}
            """)
        #expect(T.check(denyAll, Self.dev, Self.prod, 80).ingress == .denied(isolatedBy: ["default/deny-ingress"]))
        #expect(T.check(denyAll, Self.prod, Self.dev, 80).allowed)

        let open = try T.set("""
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: add-only}
            spec:
              endpointSelector: {matchLabels: {env: prod}}
              enableDefaultDeny: {ingress: false}
              ingress:
              - fromEndpoints: [{matchLabels: {env: dev}}]
                toPorts: [{ports: [{port: "80", protocol: TCP}]}]
            """)
        #expect(T.check(open, T.xwing, Self.prod, 443).ingress == .notIsolated)
        #expect(T.check(open, Self.dev, Self.prod, 80).ingressRules.count == 1)
    }

    @Test func absentAndEmptyPeerLists() throws {
        let set = try T.set("""
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: lists}
            spec:
              endpointSelector: {matchLabels: {env: prod}}
              ingress:
              - fromEndpoints: []
                toPorts: [{ports: [{port: "80", protocol: TCP}]}]
              - toPorts: [{ports: [{port: "8080", protocol: ANY}]}]
              - fromEndpoints: [{}]
                toPorts: [{ports: [{port: "9090", protocol: TCP}]}]
            """)
        // Present and empty: nothing; absent with ports: every peer, the world too.
        #expect(!T.check(set, Self.dev, Self.prod, 80).allowed)
        #expect(T.check(set, T.world("1.2.3.4"), Self.prod, 8080, .udp).allowed)
        #expect(T.check(set, Self.host, Self.prod, 8080).allowed)
        // `{}` is every pod of the policy's namespace, and nothing else.
        #expect(T.check(set, Self.dev, Self.prod, 9090).allowed)
        #expect(!T.check(set, T.otherEmpire, Self.prod, 9090).allowed)
        #expect(!T.check(set, Self.remoteNode, Self.prod, 9090).allowed)
    }

    @Test func clusterwideSelectorsSpanNamespaces() throws {
        let set = try T.set("""
            apiVersion: cilium.io/v2
            kind: CiliumClusterwideNetworkPolicy
            metadata: {name: empire-only}
            spec:
              endpointSelector: {matchLabels: {class: deathstar}}
              ingress:
              - fromEndpoints: [{matchLabels: {org: empire}}]
              - fromEndpoints: [{matchLabels: {"k8s:io.cilium.k8s.namespace.labels.team": red, org: alliance}}]
            """)
        #expect(T.check(set, T.otherEmpire, T.deathstar, 80).allowed)
        #expect(!T.check(set, T.xwing, T.deathstar, 80).allowed)
        let redXwing = T.pod("other", "xwing", ["org": "alliance"])
        #expect(T.check(set, redXwing, T.deathstar, 80).allowed)
    }

    @Test func namespaceLabelsAndServiceAccountsInANamespacedPolicy() throws {
        let set = try T.set("""
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: by-team-and-sa}
            spec:
              endpointSelector: {matchLabels: {class: deathstar}}
              ingress:
              - fromEndpoints: [{matchLabels: {"io.cilium.k8s.namespace.labels.team": red}}]
              - fromEndpoints: [{matchLabels: {"io.cilium.k8s.policy.serviceaccount": pilot}}]
            """)
        #expect(T.check(set, T.otherEmpire, T.deathstar, 80).allowed)
        #expect(!T.check(set, T.xwing, T.deathstar, 80).allowed)
        #expect(T.check(set, T.pod("default", "p", ["org": "x"], sa: "pilot"), T.deathstar, 80).allowed)
        // The service account selector is still limited to the policy's namespace.
        #expect(!T.check(set, T.pod("kube-system", "p", ["org": "x"], sa: "pilot"), T.deathstar, 80).allowed)
    }

    @Test func kubernetesAndCiliumPoliciesCombine() throws {
        let set = try T.set("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: np-allow-80, namespace: default}
            spec:
              podSelector: {matchLabels: {class: deathstar}}
              ingress: [{ports: [{port: 80}]}]
            ---
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: deny-xwing}
            spec:
              endpointSelector: {matchLabels: {class: deathstar}}
              ingressDeny: [{fromEndpoints: [{matchLabels: {class: xwing}}]}]
            """)
        #expect(T.check(set, T.tiefighter, T.deathstar, 80).ingress == .allowed(by: ["default/np-allow-80"]))
        #expect(T.check(set, T.xwing, T.deathstar, 80).ingress == .deniedByRule(by: ["default/deny-xwing"]))
        #expect(T.check(set, T.tiefighter, T.deathstar, 81).ingress == .denied(isolatedBy: ["default/np-allow-80", "default/deny-xwing"]))
    }

    @Test func icmpTypes() throws {
        let set = try T.set("""
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: ping}
            spec:
              endpointSelector: {matchLabels: {env: prod}}
              ingress:
              - fromEndpoints: [{}]
                icmps: [{fields: [{type: EchoRequest, family: IPv4}]}]
            """)
        #expect(T.check(set, Self.dev, Self.prod, 8, .icmp).allowed)
        #expect(!T.check(set, Self.dev, Self.prod, 13, .icmp).allowed)
        #expect(!T.check(set, Self.dev, Self.prod, 80).allowed)
    }
}

/// CiliumCIDRGroups, named and selected (docs "Layer 3 Examples", CIDR groups).
@Suite struct CiliumCIDRGroupTests {
    typealias T = CiliumTruthTableTests

    @Test func groupsByNameAndBySelector() throws {
        let policies = try PolicyDecoder.decodeAll(yaml: """
            apiVersion: cilium.io/v2alpha1
            kind: CiliumCIDRGroup
            metadata: {name: vpn-example-1, labels: {role: vpn}}
            spec: {externalCIDRs: [10.48.0.0/24, 10.16.0.0/24]}
            ---
            apiVersion: cilium.io/v2alpha1
            kind: CiliumCIDRGroup
            metadata: {name: partners}
            spec: {externalCIDRs: [203.0.113.0/24]}
            ---
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: from-groups}
            spec:
              endpointSelector: {matchLabels: {class: deathstar}}
              ingress:
              - fromCIDRSet: [{cidrGroupRef: partners}]
              - fromCIDRSet: [{cidrGroupSelector: {matchLabels: {role: vpn}}}]
            """, file: "groups.yaml")
        #expect(policies.cidrGroups.map(\.name) == ["vpn-example-1", "partners"])
        var set = PolicySet(policies: [], ciliumPolicies: policies.cilium, namespaceLabels: ["default": [:]])
        set.cidrGroups = policies.cidrGroups
        #expect(T.check(set, T.world("203.0.113.7"), T.deathstar, 80).ingressRules.map(\.path) == ["spec.ingress[0]"])
        #expect(T.check(set, T.world("10.16.0.9"), T.deathstar, 80).ingressRules.map(\.path) == ["spec.ingress[1]"])
        #expect(!T.check(set, T.world("10.17.0.9"), T.deathstar, 80).allowed)
        #expect(throws: PolicyDecodingError.self) {
            try PolicyDecoder.decodeAll(yaml: """
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: bad}
                spec:
                  endpointSelector: {}
                  ingress: [{fromCIDRSet: [{cidrGroupRef: partners, except: [203.0.113.0/25]}]}]
                """, file: "bad.yaml")
        }
    }
}
