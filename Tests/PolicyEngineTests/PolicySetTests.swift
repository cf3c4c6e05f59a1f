import FlowModel
import HubbleAPI
import PolicyEngine
import Testing

/// Truth tables: for each case, the policies, the connection, the verdict and the policies deciding it.
@Suite struct PolicySetTests {
    static let echo = PolicyEndpoint.pod(.init(
        namespace: "echo", name: "echo-5dc8fd6498-kfvj6", labels: ["app": "echo"],
        namedPorts: ["http": .init(port: 80), "metrics": .init(port: 9090)]))
    static let echoClient = PolicyEndpoint.pod(.init(namespace: "echo", name: "client", labels: ["app": "client"]))
    static let universeCurl = PolicyEndpoint.pod(.init(namespace: "universe", name: "curl", labels: ["app": "curl"]))
    static let galaxyCurl = PolicyEndpoint.pod(.init(namespace: "galaxy", name: "curl", labels: ["app": "curl"]))
    static let galaxyWeb = PolicyEndpoint.pod(.init(namespace: "galaxy", name: "web", labels: ["app": "web", "tier": "fe"]))
    static let coredns = PolicyEndpoint.pod(.init(
        namespace: "kube-system", name: "coredns", labels: ["k8s-app": "kube-dns"], namedPorts: ["dns": .init(port: 53, protocol: .udp)]))
    static let namespaces = ["universe": ["team": "blue"], "galaxy": ["team": "red"], "echo": [:], "kube-system": [:]]

    static func external(_ text: String) -> PolicyEndpoint { .external(IPAddress.parse(text)!) }

    static let allowUniverseToEcho = NetworkPolicy(
        name: "allow-universe-to-echo", namespace: "echo", podSelector: .init(matchLabels: ["app": "echo"]),
        policyTypes: [.ingress],
        ingress: [.init(
            peers: [.init(namespaceSelector: .init(matchLabels: ["kubernetes.io/metadata.name": "universe"]))],
            ports: [.init(protocol: .tcp, port: .number(80))])])

    static func verdict(_ policies: [NetworkPolicy], _ from: PolicyEndpoint, _ to: PolicyEndpoint, _ port: Int, _ transport: Transport = .tcp) -> PolicyVerdict {
        PolicySet(policies: policies, namespaceLabels: namespaces)
            .evaluate(PolicyConnection(source: from, destination: to, port: port, protocol: transport))
    }

    @Test func withoutPoliciesEverythingIsAllowed() {
        let v = Self.verdict([], Self.galaxyCurl, Self.echo, 80)
        #expect(v.allowed)
        #expect(v.egress == .notIsolated)
        #expect(v.ingress == .notIsolated)
        #expect(Self.verdict([], Self.external("8.8.8.8"), Self.echo, 80).egress == .notApplicable)
    }

    @Test func theSeedPolicy() {
        let policies = [Self.allowUniverseToEcho]
        let universe = Self.verdict(policies, Self.universeCurl, Self.echo, 80)
        #expect(universe.allowed)
        #expect(universe.ingress == .allowed(by: ["echo/allow-universe-to-echo"]))
        let galaxy = Self.verdict(policies, Self.galaxyCurl, Self.echo, 80)
        #expect(!galaxy.allowed)
        #expect(galaxy.ingress == .denied(isolatedBy: ["echo/allow-universe-to-echo"]))
        #expect(galaxy.egress == .notIsolated)
        #expect(!Self.verdict(policies, Self.universeCurl, Self.echo, 8080).allowed)
        #expect(!Self.verdict(policies, Self.universeCurl, Self.echo, 80, .udp).allowed)
        // Pods the policy does not select stay open.
        #expect(Self.verdict(policies, Self.galaxyCurl, Self.echoClient, 80).ingress == .notIsolated)
    }

    @Test func defaultDenyIngressIsolatesEveryPodOfTheNamespace() {
        let denyAll = NetworkPolicy(name: "default-deny", namespace: "echo", policyTypes: [.ingress])
        #expect(Self.verdict([denyAll], Self.universeCurl, Self.echo, 80).ingress == .denied(isolatedBy: ["echo/default-deny"]))
        #expect(!Self.verdict([denyAll], Self.echoClient, Self.echo, 80).allowed)
        // Egress from the namespace is untouched.
        #expect(Self.verdict([denyAll], Self.echo, Self.universeCurl, 80).allowed)
    }

    @Test func allowSameNamespace() {
        let sameNamespace = NetworkPolicy(
            name: "same-namespace", namespace: "echo", ingress: [.init(peers: [.init(podSelector: .init())])])
        #expect(Self.verdict([sameNamespace], Self.echoClient, Self.echo, 1234).allowed)
        #expect(!Self.verdict([sameNamespace], Self.universeCurl, Self.echo, 80).allowed)
    }

    @Test func namespaceAndPodSelectorInOnePeerMustBothHold() {
        let and = NetworkPolicy(
            name: "and", namespace: "echo",
            ingress: [.init(peers: [.init(podSelector: .init(matchLabels: ["app": "curl"]), namespaceSelector: .init(matchLabels: ["team": "blue"]))])])
        let or = NetworkPolicy(
            name: "or", namespace: "echo",
            ingress: [.init(peers: [.init(podSelector: .init(matchLabels: ["app": "curl"])), .init(namespaceSelector: .init(matchLabels: ["team": "blue"]))])])
        #expect(Self.verdict([and], Self.universeCurl, Self.echo, 80).allowed)
        #expect(!Self.verdict([and], Self.galaxyCurl, Self.echo, 80).allowed)
        // As two peers, either suffices: a podSelector alone means pods of the policy's namespace.
        #expect(Self.verdict([or], Self.universeCurl, Self.echo, 80).allowed)
        #expect(!Self.verdict([or], Self.galaxyCurl, Self.echo, 80).allowed)
        let echoCurl = PolicyEndpoint.pod(.init(namespace: "echo", name: "curl", labels: ["app": "curl"]))
        #expect(Self.verdict([or], echoCurl, Self.echo, 80).allowed)
        #expect(!Self.verdict([and], echoCurl, Self.echo, 80).allowed)
    }

    @Test func ipBlockWithExceptions() {
        let block = NetworkPolicy(
            name: "from-internal", namespace: "echo",
            ingress: [.init(peers: [.init(ipBlock: .init(cidr: "10.0.0.0/8", except: ["10.1.0.0/16"]))])])
        #expect(Self.verdict([block], Self.external("10.2.0.1"), Self.echo, 80).allowed)
        #expect(!Self.verdict([block], Self.external("10.1.2.3"), Self.echo, 80).allowed)
        #expect(!Self.verdict([block], Self.external("192.168.0.1"), Self.echo, 80).allowed)
        // CIDR rules select addresses outside the cluster's pods, as Cilium applies them.
        #expect(!Self.verdict([block], Self.universeCurl, Self.echo, 80).allowed)
    }

    @Test func namedPortsResolveOnTheDestination() {
        let named = NetworkPolicy(name: "http", namespace: "echo", ingress: [.init(ports: [.init(port: .named("http"))])])
        #expect(Self.verdict([named], Self.galaxyCurl, Self.echo, 80).allowed)
        #expect(!Self.verdict([named], Self.galaxyCurl, Self.echo, 9090).allowed)
        #expect(!Self.verdict([named], Self.galaxyCurl, Self.echo, 80, .udp).allowed)
    }

    @Test func endPortMakesARange() {
        let range = NetworkPolicy(name: "range", namespace: "echo", ingress: [.init(ports: [.init(port: .number(8000), endPort: 8080)])])
        #expect(Self.verdict([range], Self.galaxyCurl, Self.echo, 8000).allowed)
        #expect(Self.verdict([range], Self.galaxyCurl, Self.echo, 8080).allowed)
        #expect(!Self.verdict([range], Self.galaxyCurl, Self.echo, 8081).allowed)
        #expect(!Self.verdict([range], Self.galaxyCurl, Self.echo, 80).allowed)
    }

    @Test func egressOnlyIsolationChecksTheSource() {
        let dnsOnly = NetworkPolicy(
            name: "dns-only", namespace: "universe", policyTypes: [.egress],
            egress: [.init(
                peers: [.init(podSelector: .init(matchLabels: ["k8s-app": "kube-dns"]), namespaceSelector: .init())],
                ports: [.init(protocol: .udp, port: .named("dns"))])])
        let dns = Self.verdict([dnsOnly], Self.universeCurl, Self.coredns, 53, .udp)
        #expect(dns.egress == .allowed(by: ["universe/dns-only"]))
        let web = Self.verdict([dnsOnly], Self.universeCurl, Self.echo, 80)
        #expect(web.egress == .denied(isolatedBy: ["universe/dns-only"]))
        #expect(web.ingress == .notIsolated)
        // Ingress to universe is not isolated by an egress-only policy.
        #expect(Self.verdict([dnsOnly], Self.galaxyCurl, Self.universeCurl, 80).allowed)
    }

    @Test func policyTypesDefaultToIngressPlusEgressWhenThereAreEgressRules() {
        let egressRules = NetworkPolicy(name: "e", namespace: "echo", egress: [.init()])
        #expect(egressRules.policyTypes == [.ingress, .egress])
        #expect(!Self.verdict([egressRules], Self.universeCurl, Self.echo, 80).allowed)
        #expect(NetworkPolicy(name: "i", namespace: "echo").policyTypes == [.ingress])
    }

    @Test func policiesAddUp() {
        let fromGalaxy = NetworkPolicy(
            name: "allow-galaxy", namespace: "echo", podSelector: .init(matchLabels: ["app": "echo"]),
            ingress: [.init(peers: [.init(namespaceSelector: .init(matchLabels: ["team": "red"]))])])
        let policies = [Self.allowUniverseToEcho, fromGalaxy]
        #expect(Self.verdict(policies, Self.universeCurl, Self.echo, 80).ingress == .allowed(by: ["echo/allow-universe-to-echo"]))
        #expect(Self.verdict(policies, Self.galaxyCurl, Self.echo, 443).ingress == .allowed(by: ["echo/allow-galaxy"]))
        #expect(Self.verdict(policies, Self.echoClient, Self.echo, 80).ingress
            == .denied(isolatedBy: ["echo/allow-universe-to-echo", "echo/allow-galaxy"]))
    }

    @Test func matchExpressions() {
        let selector = LabelSelectorSpec(matchExpressions: [
            .init(key: "app", operator: .in, values: ["web", "api"]), .init(key: "tier", operator: .exists),
            .init(key: "debug", operator: .doesNotExist), .init(key: "tier", operator: .notIn, values: ["db"]),
        ])
        #expect(selector.matches(["app": "web", "tier": "fe"]))
        #expect(!selector.matches(["app": "web"]))
        #expect(!selector.matches(["app": "web", "tier": "db"]))
        #expect(!selector.matches(["app": "web", "tier": "fe", "debug": "1"]))
        #expect(LabelSelectorSpec().matches([:]))
        let policy = NetworkPolicy(name: "fe", namespace: "echo", ingress: [.init(peers: [.init(podSelector: selector, namespaceSelector: .init())])])
        #expect(Self.verdict([policy], Self.galaxyWeb, Self.echo, 80).allowed)
        #expect(!Self.verdict([policy], Self.galaxyCurl, Self.echo, 80).allowed)
    }

    /// `policy_match_type` of the verdict: the most specific kind of rule that allows it.
    @Test func matchTypeNamesTheKindOfRuleThatAllowed() {
        let set = { (policies: [NetworkPolicy]) in PolicySet(policies: policies, namespaceLabels: Self.namespaces) }
        let toEcho = PolicyConnection(source: Self.universeCurl, destination: Self.echo, port: 80)
        #expect(set([Self.allowUniverseToEcho]).evaluate(toEcho).ingressMatch == .l3L4)
        let anyPeerPort80 = NetworkPolicy(
            name: "port-80", namespace: "echo", ingress: [.init(ports: [.init(protocol: .tcp, port: .number(80))])])
        #expect(set([anyPeerPort80]).evaluate(toEcho).ingressMatch == .l4Only)
        let universeAnyPort = NetworkPolicy(
            name: "from-universe", namespace: "echo",
            ingress: [.init(peers: [.init(namespaceSelector: .init(matchLabels: ["team": "blue"]))])])
        #expect(set([universeAnyPort]).evaluate(toEcho).ingressMatch == .l3Only)
        #expect(set([universeAnyPort, anyPeerPort80]).evaluate(toEcho).ingressMatch == .l4Only)
        let allowAll = NetworkPolicy(name: "allow-all", namespace: "echo", ingress: [.init()])
        #expect(set([allowAll]).evaluate(toEcho).ingressMatch == .all)
        #expect(set([Self.allowUniverseToEcho]).evaluate(.init(source: Self.galaxyCurl, destination: Self.echo, port: 80)).ingressMatch == nil)
        #expect(set([]).evaluate(toEcho).ingressMatch == nil)
    }
}
