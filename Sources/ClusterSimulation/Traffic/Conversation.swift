import FlowModel
import HubbleAPI
import PolicyEngine

/// One connection of a traffic entry, packet by packet, with each event at its offset (ns) from
/// the start: the DNS lookup through kube-dns when the target is a service name, the socket-level
/// service translation, then the TCP handshake, request, response and teardown, or, when policy
/// denies the connection, the dropped SYN and its retransmissions.
struct Conversation {
    let traffic: Scenario.Traffic
    let client: ClusterPeer
    let scenario: Scenario
    private var events: [(Int64, Flow)] = []
    var clock: Int64 = 0

    /// Whether the client must ask DNS (its cached answer expired).
    let resolve: Bool
    /// Which request of the traffic's HTTP list this connection makes.
    let requestIndex: Int

    /// The scenario's policies, built once per simulation.
    let policies: PolicySet

    init(
        traffic: Scenario.Traffic, client: ClusterPeer, scenario: Scenario, policies: PolicySet, resolve: Bool = true, requestIndex: Int = 0
    ) {
        self.traffic = traffic
        self.client = client
        self.scenario = scenario
        self.policies = policies
        self.resolve = resolve
        self.requestIndex = requestIndex
    }

    /// How long a client keeps a DNS answer: the TTL kube-dns gives.
    static let dnsTTL: Int64 = 30_000_000_000

    /// Linux retransmits an unanswered SYN after 1 s, then 2 s more; curl -m 5 gives up after that.
    static let retransmissions: [Int64] = [1_000_000_000, 3_000_000_000]

    /// The ports of the node's L7 proxy listeners, as policy verdicts that redirect report them.
    static let ingressProxyPort: UInt32 = 14_201
    static let egressProxyPort: UInt32 = 14_202

    mutating func play(with factory: inout FlowFactory) -> [(Int64, Flow)] {
        let service = scenario.service(host: traffic.to)
        let external = service == nil ? scenario.external(named: traffic.to) : nil
        let answer = service?.clusterIP ?? external?.ip
        if resolve, let answer, let dns = kubeDNS {
            guard lookUp(traffic.to, through: dns, answer: answer, with: &factory) else {
                answered = false
                return events
            }
            advance(8_000_000, &factory)
        }
        let target: ClusterPeer
        var port = UInt32(traffic.port)
        if let service {
            guard let backend = backend(of: service, with: &factory) else { return events }
            port = UInt32(service.ports.first { $0.port == traffic.port }?.targetPort ?? traffic.port)
            let cookie = factory.random.next() % 100_000
            let cgroup = 10_000 + factory.random.next() % 10_000
            let transport: FlowFactory.Packet.Transport = traffic.protocol == .udp ? .udp : .tcp
            let toService = FlowFactory.Packet(
                source: client, destination: factory.peer(service), sourcePort: 0, destinationPort: UInt32(traffic.port), transport: transport)
            emit(factory.sockTranslation(toService, node: clientNode, service: service, cookie: cookie, cgroup: cgroup))
            advance(60_000, &factory)
            var toBackend = toService
            toBackend.destination = backend
            toBackend.destinationPort = port
            emit(factory.sockTranslation(toBackend, node: clientNode, service: nil, cookie: cookie, cgroup: cgroup))
            advance(25_000_000, &factory)
            target = backend
        } else if let external {
            // What Cilium knows of the address: the name, when its DNS proxy saw the answer.
            names = scenario.learnsThroughDNSProxy(traffic.to, from: client.pod!, policies: policies) ? [traffic.to] : []
            target = .world(external.ip)
        } else if let pod = scenario.pod(traffic.to) {
            target = factory.peer(pod)
        } else if let ip = IPAddress.parse(traffic.to) {
            if let pod = scenario.pods.first(where: { $0.ip == ip }) {
                target = factory.peer(pod)
            } else if let node = scenario.nodes.first(where: { $0.ip == ip }) {
                target = .node(node, from: clientNode)
            } else {
                target = .world(ip)
            }
        } else {
            return events
        }
        connect(to: target, port: port, with: &factory)
        return events
    }

    var clientNode: String { client.pod!.node }

    /// Whether the client has an address for the name it connects to (false when its lookup failed).
    private(set) var answered = true

    /// The names Cilium has learned for the target's address (for `toFQDNs`).
    private var names: [String] = []

    private var kubeDNS: Scenario.Service? { scenario.services.first { $0.name == "kube-dns" && $0.namespace == "kube-system" } }


    mutating func emit(_ flow: Flow) { events.append((clock, flow)) }

    /// Moves the clock on by about `nanoseconds` (±25%).
    mutating func advance(_ nanoseconds: Int64, _ factory: inout FlowFactory) {
        let jitter = nanoseconds / 2
        clock += nanoseconds - jitter / 2 + Int64(factory.random.next() % UInt64(max(1, jitter)))
    }

    private func backend(of service: Scenario.Service, with factory: inout FlowFactory) -> ClusterPeer? {
        let pods = scenario.pods.filter { pod in
            pod.namespace == service.namespace && !service.selector.isEmpty
                && service.selector.allSatisfy { pod.labels[$0.key] == $0.value }
        }
        guard !pods.isEmpty else { return nil }
        return factory.peer(pods[Int(factory.random.next() % UInt64(pods.count))])
    }

    private func connection(to target: ClusterPeer, port: UInt32, transport: Transport) -> PolicyConnection {
        PolicyConnection(
            source: client.policyEndpoint, destination: target.policyEndpoint, port: Int(port), protocol: transport, destinationNames: names)
    }

    /// Where a connection is enforced and what decides it.
    private func verdict(to target: ClusterPeer, port: UInt32, transport: Transport) -> PolicyVerdict {
        policies.evaluate(connection(to: target, port: port, transport: transport))
    }

    /// The names a pod's resolver asks for, in order: with fewer than five dots (`ndots:5`), the
    /// search list of the pod's namespace first, then the name itself.
    func candidates(for name: String) -> [String] {
        let bare = name.hasSuffix(".") ? String(name.dropLast()) : name
        let absolute = bare + "."
        guard !name.hasSuffix("."), bare.filter({ $0 == "." }).count < 5, let namespace = client.pod?.namespace else { return [absolute] }
        return ["\(namespace).svc.cluster.local", "svc.cluster.local", "cluster.local"].map { "\(bare).\($0)." } + [absolute]
    }

    /// Resolves `name` through the node's DNS proxy (A and AAAA for each candidate, until one
    /// answers); false when policy drops the queries.
    private mutating func lookUp(_ name: String, through dns: Scenario.Service, answer: IPAddress, with factory: inout FlowFactory) -> Bool {
        guard let server = backend(of: dns, with: &factory) else { return false }
        let cookie = factory.random.next() % 100_000
        let cgroup = 10_000 + factory.random.next() % 10_000
        let toService = FlowFactory.Packet(source: client, destination: factory.peer(dns), sourcePort: 0, destinationPort: 53, transport: .udp)
        emit(factory.sockTranslation(toService, node: clientNode, service: dns, cookie: cookie, cgroup: cgroup))
        advance(60_000, &factory)
        var query = toService
        query.destination = server
        emit(factory.sockTranslation(query, node: clientNode, service: nil, cookie: cookie, cgroup: cgroup))
        advance(110_000, &factory)
        query.sourcePort = factory.random.ephemeralPort()
        let decision = verdict(to: server, port: 53, transport: .udp)
        if !decision.allowed {
            deny(query, decision: decision, target: server, with: &factory)
            return false
        }
        // With DNS rules on the way, the proxy answers a query no rule allows itself: REFUSED.
        let rules = decision.egressProxy.flatMap { $0.parsesDNS ? $0 : nil }
        for candidate in candidates(for: name) {
            let bare = String(candidate.dropLast())
            let known = scenario.service(host: bare) != nil || scenario.external(named: bare) != nil
            let refused = rules.map { $0.permit(dnsQuery: candidate) == nil } ?? false
            for type in ["A", "AAAA"] {
                emit(factory.trace(query, node: clientNode, point: .toProxy, reason: .new, reply: false))
                advance(45_000, &factory)
                emit(factory.dnsRequest(query, node: clientNode, query: candidate, type: type))
                let latency = refused ? 40_000 + Int64(factory.random.next() % 100_000) : 300_000 + Int64(factory.random.next() % 1_500_000)
                clock += latency
                let response = query.reversed()
                let ips = known && !refused && type == "A" ? [answer.description] : []
                let rcode: UInt32 = refused ? 5 : known ? 0 : 3
                emit(factory.dnsResponse(response, node: clientNode, query: candidate, type: type, answer: ips, rcode: rcode, latency: UInt64(latency)))
                advance(140_000, &factory)
                emit(factory.trace(response, node: clientNode, point: .toEndpoint, reason: .reply, reply: true))
                advance(30_000, &factory)
            }
            if known { return !refused }
        }
        return false
    }

    /// The policy verdict and drop of a denied first packet, at the side that denies it.
    private mutating func deny(_ packet: FlowFactory.Packet, decision: PolicyVerdict, target: ClusterPeer, with factory: inout FlowFactory) {
        let atSource = !decision.egress.allows
        let node = atSource ? clientNode : (target.pod?.node ?? clientNode)
        let direction: Flow_TrafficDirection = atSource ? .egress : .ingress
        emit(factory.policyVerdict(packet, node: node, direction: direction, verdict: decision))
        advance(8_000, &factory)
        let byDenyRule = if case .deniedByRule = decision.decision(atSource ? .egress : .ingress) { true } else { false }
        emit(factory.policyDrop(packet, node: node, direction: direction, byDenyRule: byDenyRule))
    }

    private mutating func connect(to target: ClusterPeer, port: UInt32, with factory: inout FlowFactory) {
        let transport: Transport = traffic.protocol == .udp ? .udp : .tcp
        var syn = FlowFactory.Packet(
            source: client, destination: target, sourcePort: factory.random.ephemeralPort(), destinationPort: port,
            transport: transport == .udp ? .udp : .tcp, flags: FlowFactory.flags("SYN"))
        if transport == .udp { syn.flags = Flow_TCPFlags() }
        let decision = verdict(to: target, port: port, transport: transport)
        let targetNode = target.pod?.node
        let crossNode = targetNode != nil && targetNode != clientNode

        // The first packet, and its retransmissions while policy drops it.
        let attempts = decision.allowed ? [Int64(0)] : [0] + Self.retransmissions
        let firstAttempt = clock
        for delay in attempts {
            clock = max(clock, firstAttempt + delay)
            if case .allowed = decision.egress {
                let redirect = transport == .tcp && decision.egressProxy?.parsesHTTP == true
                emit(factory.policyVerdict(syn, node: clientNode, direction: .egress, verdict: decision, proxyPort: redirect ? Self.egressProxyPort : nil))
                advance(10_000, &factory)
                if redirect {
                    emit(factory.trace(syn, node: clientNode, point: .toProxy, reason: .new, reply: false))
                    advance(60_000, &factory)
                }
            }
            if !decision.egress.allows {
                deny(syn, decision: decision, target: target, with: &factory)
                continue
            }
            if crossNode {
                emit(factory.trace(syn, node: clientNode, point: .toOverlay, reason: .new, reply: false))
                advance(350_000, &factory)
            }
            if case .allowed = decision.ingress {
                let redirect = transport == .tcp && decision.ingressProxy?.parsesHTTP == true
                emit(factory.policyVerdict(syn, node: targetNode!, direction: .ingress, verdict: decision, proxyPort: redirect ? Self.ingressProxyPort : nil))
                advance(40_000, &factory)
                if redirect {
                    emit(factory.trace(syn, node: targetNode!, point: .toProxy, reason: .new, reply: false))
                    advance(60_000, &factory)
                }
            }
            if !decision.ingress.allows {
                deny(syn, decision: decision, target: target, with: &factory)
            }
        }
        guard decision.allowed else { return }
        deliver(syn, reason: .new, reply: false, targetNode: targetNode, crossNode: crossNode, with: &factory)
        guard transport == .tcp else {
            deliver(syn.reversed(), reason: .reply, reply: true, targetNode: targetNode, crossNode: crossNode, with: &factory)
            return
        }
        let exchange: [(reply: Bool, flags: Flow_TCPFlags)] = [
            (true, FlowFactory.flags("SYN", "ACK")), (false, FlowFactory.flags("ACK")), (false, FlowFactory.flags("ACK", "PSH")),
            (true, FlowFactory.flags("ACK", "PSH")), (false, FlowFactory.flags("ACK", "FIN")), (true, FlowFactory.flags("ACK", "FIN")),
            (false, FlowFactory.flags("ACK")),
        ]
        for (step, (reply, flags)) in exchange.enumerated() {
            var packet = reply ? syn.reversed(flags: flags) : syn
            packet.flags = flags
            if step == 3, let exchange = httpExchange(decision, targetNode: targetNode) {
                exchangeHTTP(exchange, request: syn, with: &factory)
            }
            deliver(packet, reason: reply ? .reply : .established, reply: reply, targetNode: targetNode, crossNode: crossNode, with: &factory)
        }
    }

    /// A packet on its way: out of the sender's node through the overlay, into the receiver's
    /// endpoint (or out to the world).
    private mutating func deliver(
        _ packet: FlowFactory.Packet, reason: Flow_TraceReason, reply: Bool, targetNode: String?, crossNode: Bool,
        with factory: inout FlowFactory
    ) {
        let senderNode = reply ? (targetNode ?? clientNode) : clientNode
        let receiverNode = reply ? clientNode : (targetNode ?? clientNode)
        if targetNode == nil && !reply {
            emit(factory.trace(packet, node: clientNode, point: .toStack, reason: reason, reply: reply))
            advance(150_000, &factory)
            return
        }
        if crossNode && !(reason == .new) {
            emit(factory.trace(packet, node: senderNode, point: .toOverlay, reason: reason, reply: reply))
            advance(20_000, &factory)
        }
        emit(factory.trace(packet, node: receiverNode, point: .toEndpoint, reason: reason, reply: reply))
        advance(120_000, &factory)
    }
}
