import FlowModel
import PolicyEngine
import Testing

/// Cilium policies decode as `kubectl apply` with Cilium's CRDs and validation accepts them, and every
/// refusal says where and what.
@Suite struct CiliumPolicyDecoderTests {
    static func decode(_ spec: String, kind: String = "CiliumNetworkPolicy") throws(PolicyDecodingError) -> PolicyCollection {
        let yaml = "apiVersion: cilium.io/v2\nkind: \(kind)\nmetadata: {name: p, namespace: echo}\n\(spec)\n"
        return try PolicyDecoder.decodeAll(yaml: yaml, file: "p.yaml")
    }

    @Test func aPolicyWithEveryKindOfRule() throws {
        let policies = try PolicyDecoder.decodeAll(yaml: """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata:
              name: everything
              namespace: echo
            specs:
            - endpointSelector: {matchLabels: {app: echo}}
              ingress:
              - fromEndpoints: [{matchLabels: {app: curl}}]
                toPorts:
                - ports: [{port: http, protocol: TCP}, {port: "8000", endPort: 8080, protocol: TCP}]
                  rules: {http: [{method: GET, path: "/api/.*", headers: ["X-A: 1"]}]}
              ingressDeny:
              - fromCIDRSet: [{cidr: 10.0.0.0/8, except: [10.1.0.0/16]}]
            - endpointSelector: {}
              egress:
              - toFQDNs: [{matchPattern: "*.example.com"}]
                toPorts: [{ports: [{port: "443"}], serverNames: ["*.example.com"]}]
              - toServices: [{k8sService: {serviceName: echo, namespace: echo}}]
              egressDeny:
              - toEntities: [world]
                icmps: [{fields: [{type: 8}]}]
              enableDefaultDeny: {egress: false}
            ---
            apiVersion: cilium.io/v2
            kind: CiliumClusterwideNetworkPolicy
            metadata: {name: cluster-wide}
            spec:
              endpointSelector: {}
              ingress: [{fromEntities: [cluster]}]
            """, file: "p.yaml")
        #expect(policies.kubernetes.isEmpty)
        #expect(policies.cilium.map(\.qualifiedName) == ["echo/everything", "cluster-wide"])
        let rules = policies.cilium[0].rules
        #expect(rules.map(\.path) == ["specs[0]", "specs[1]"])
        // The namespace is added to the subject and to the peers.
        #expect(rules[0].endpointSelector.matchLabels == ["app": "echo", "k8s:io.kubernetes.pod.namespace": "echo"])
        #expect(rules[0].ingress[0].endpoints?[0].matchLabels == ["app": "curl", "k8s:io.kubernetes.pod.namespace": "echo"])
        #expect(rules[0].ingress[0].ports[0].ports == [
            .init(port: .named("http"), protocol: .tcp), .init(port: .number(8000), endPort: 8080, protocol: .tcp),
        ])
        #expect(rules[0].ingress[0].ports[0].http?[0].headers == [.init(name: "X-A", value: "1")])
        #expect(rules[0].ingressDeny[0].cidrs[0].except.map(\.description) == ["10.1.0.0/16"])
        #expect(rules[1].egress[0].fqdns == [DNSNamePattern(.matchPattern, "*.example.com")])
        #expect(rules[1].egress[0].ports[0].ports[0].protocol == nil)
        #expect(rules[1].egressDeny[0].icmps == [.init(type: 8)])
        #expect(rules[1].defaultDeny(.egress) == false)
        #expect(rules[1].defaultDeny(.ingress) == false)
        #expect(policies.cilium[1].namespace == nil)
        #expect(policies.cilium[1].rules[0].endpointSelector.isEmpty)
    }

    @Test(arguments: [
        ("spec: {endpointSelector: {}}", "p.yaml:4: spec: rule must have at least one of ingress, ingressDeny, egress, egressDeny (ingress: [{}] denies every ingress)"),
        ("spec: {endpointSelector: {}, ingres: [{}]}", "p.yaml:4: spec.ingres: unknown field; did you mean \"ingress\"?"),
        ("spec: {nodeSelector: {}, ingress: [{}]}", "p.yaml:4: spec.nodeSelector: host policies (nodeSelector) exist only in a CiliumClusterwideNetworkPolicy"),
        ("spec: {ingress: [{}]}", "p.yaml:4: spec.endpointSelector: is required (or nodeSelector)"),
        ("spec: {endpointSelector: {}, ingress: [{fromEntities: [wrld]}]}", "p.yaml:4: spec.ingress[0].fromEntities[0]: \"wrld\" is not an entity (all, world, world-ipv4, world-ipv6, cluster, host, remote-node, kube-apiserver, health, init, ingress, unmanaged, none)"),
        ("spec: {endpointSelector: {}, ingress: [{fromEndpoints: [{}], fromCIDR: [10.0.0.0/8]}]}", "p.yaml:4: spec.ingress[0].fromCIDR: combining fromEndpoints and fromCIDR in one rule is not supported (write two rules)"),
        ("spec: {endpointSelector: {}, ingress: [{toPorts: [{ports: [{port: \"80\", protocol: ICMP}]}]}]}", "p.yaml:4: spec.ingress[0].toPorts[0].ports[0].protocol: \"ICMP\" is not TCP, UDP, SCTP, VRRP, IGMP or ANY (ICMP is allowed with icmps)"),
        ("spec: {endpointSelector: {}, ingress: [{toPorts: [{ports: [{port: \"80\"}], rules: {http: [{}]}}]}]}", "p.yaml:4: spec.ingress[0].toPorts[0].ports[0].protocol: L7 rules can only apply to TCP (not ANY)"),
        ("spec: {endpointSelector: {}, ingress: [{toPorts: [{ports: [{port: \"53\", protocol: UDP}], rules: {dns: [{matchName: a.b}]}}]}]}", "p.yaml:4: spec.ingress[0].toPorts[0].rules.dns: DNS rules are not supported on ingress"),
        ("spec: {endpointSelector: {}, ingress: [{toPorts: [{ports: [{port: \"80\", protocol: TCP}], rules: {http: [{path: \"(\"}]}}]}]}", "p.yaml:4: spec.ingress[0].toPorts[0].rules.http[0].path: error parsing regexp: missing closing ): `^(?:()$`"),
        ("spec: {endpointSelector: {}, egress: [{toFQDNs: [{matchName: a.b, matchPattern: \"*\"}]}]}", "p.yaml:4: spec.egress[0].toFQDNs[0]: needs exactly one of matchName and matchPattern"),
        ("spec: {endpointSelector: {}, egress: [{toFQDNs: [{matchName: \"a b\"}]}]}", "p.yaml:4: spec.egress[0].toFQDNs[0].matchName: \"a b\" is not a DNS name"),
        ("spec: {endpointSelector: {}, egressDeny: [{toFQDNs: [{matchName: a.b}]}]}", "p.yaml:4: spec.egressDeny[0].toFQDNs: unknown field; known fields: icmps, toCIDR, toCIDRSet, toEndpoints, toEntities, toGroups, toNodes, toPorts, toRequires, toServices"),
        ("spec: {endpointSelector: {}, egress: [{toCIDRSet: [{cidr: 10.0.0.0/8, except: [11.0.0.0/16]}]}]}", "p.yaml:4: spec.egress[0].toCIDRSet[0].except[0]: 11.0.0.0/16 is not inside 10.0.0.0/8"),
        ("spec: {endpointSelector: {}, egress: [{icmps: [{fields: [{type: Ping}]}]}]}", "p.yaml:4: spec.egress[0].icmps[0].fields[0].type: \"Ping\" is not an ICMP type (a number 0-255 or a name such as EchoRequest)"),
        ("spec: {endpointSelector: {}, egress: [{toPorts: [{ports: [{protocol: TCP}]}]}]}", "p.yaml:4: spec.egress[0].toPorts[0].ports[0].port: must be specified (\"0\" for every port)"),
    ])
    func mistakesAreLocated(spec: String, message: String) {
        do {
            _ = try Self.decode(spec)
            Issue.record("accepted: \(spec)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func aNetworkPolicyRuleWithANullPeerListAllowsEveryPeer() throws {
        let policies = try PolicyDecoder.decode(yaml: """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: echo}
            spec:
              podSelector: {}
              egress:
              - to:
                ports:
                - port: 53
                  protocol: UDP
              ingress:
              - from:
            """, file: "p.yaml")
        #expect(policies[0].egress == [.init(peers: [], ports: [.init(protocol: .udp, port: .number(53))])])
        #expect(policies[0].ingress == [.init()])
    }

    @Test func onlyNetworkPoliciesWhereOnlyTheyAreRead() {
        #expect(throws: PolicyDecodingError.self) {
            _ = try PolicyDecoder.decode(yaml: "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: p}\nspec: {endpointSelector: {}, ingress: [{}]}\n", file: "p.yaml")
        }
    }
}
