import FlowModel
import HubbleAPI
import PolicyEngine

/// "Who can talk to what, and what may they do once connected?": a connection between scenario
/// endpoints judged by the scenario's policies, with the rules that decide it, and what Cilium's
/// proxy answers a request (`--http`), a lookup (`--dns`) or a TLS name (`--sni`).
extension Scenario {
    public struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// What is asked: from a pod, to a target, and optionally what is asked once connected.
    public struct PolicyQuestion: Sendable {
        public var from: String
        /// `NS/POD:PORT[/PROTO]`, `SERVICE:PORT[/PROTO]` (its DNS name, `name.ns` or `ns/name`), an
        /// external host's name, or an address (a pod's, a service's, a node's, or outside); `nil`
        /// with `dns`: the cluster's DNS service.
        public var to: String?
        /// `METHOD /path`, as the proxy would see the request.
        public var http: String?
        /// A name to look up through the DNS proxy.
        public var dns: String?
        /// The TLS server name the client sends.
        public var sni: String?

        public init(from: String, to: String?, http: String? = nil, dns: String? = nil, sni: String? = nil) {
            self.from = from
            self.to = to
            self.http = http
            self.dns = dns
            self.sni = sni
        }
    }

    /// The answer for one destination (a service gives one per pod behind it).
    public struct PolicyAnswer: Sendable {
        public var connection: PolicyConnection
        public var verdict: PolicyVerdict
        /// What the proxy does with the request or lookup asked about; `nil` when none was asked or
        /// no proxy sees the connection.
        public var proxy: ProxyAnswer?
        public var text: String

        /// Whether the connection, and the request or lookup asked about, go through.
        public var allowed: Bool { verdict.allowed && (proxy.map { $0.permittedBy != nil } ?? true) }
    }

    /// The proxy's answer to one request or lookup.
    public struct ProxyAnswer: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            case http = "HTTP"
            case dns = "DNS"
            case tls = "TLS"
        }

        public var kind: Kind
        public var request: String
        /// The rule that permits it; `nil`: refused (HTTP 403, DNS REFUSED).
        public var permittedBy: RuleReference?
        /// The rules that were checked.
        public var rules: [RuleReference]
    }

    public func explainPolicy(from: String, to: String) throws(QueryError) -> [PolicyAnswer] {
        try explainPolicy(PolicyQuestion(from: from, to: to))
    }

    public func explainPolicy(_ question: PolicyQuestion) throws(QueryError) -> [PolicyAnswer] {
        guard let source = pod(question.from) ?? IPAddress.parse(question.from).flatMap({ ip in pods.first { $0.ip == ip } }) else {
            throw QueryError(description: "--from \(question.from): no such pod; the scenario has \(pods.map { "\($0.namespace)/\($0.name)" }.joined(separator: ", "))")
        }
        let request: HTTPRequest?
        if let http = question.http {
            let parts = http.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[1].hasPrefix("/"), !parts[0].isEmpty else {
                throw QueryError(description: "--http \(http): write METHOD /path, as 'GET /api/v1/items'")
            }
            request = HTTPRequest(method: parts[0], path: parts[1])
        } else {
            request = nil
        }
        var target = question.to
        if target == nil, question.dns != nil {
            guard let dns = services.first(where: { $0.name == "kube-dns" && $0.namespace == "kube-system" }) else {
                throw QueryError(description: "--dns needs --to: the scenario has no kube-system/kube-dns service")
            }
            target = "\(dns.hostName):53/UDP"
        }
        guard let target else { throw QueryError(description: "--to is required (or --dns)") }
        let policies = policySet
        return try destinations(of: target, from: source).map { destination in
            var connection = PolicyConnection(
                source: source.policyEndpoint, destination: destination.endpoint, port: destination.port, protocol: destination.transport,
                serverName: question.sni)
            if let name = destination.name, learnsThroughDNSProxy(name, from: source, policies: policies) {
                connection.destinationNames = [name]
            }
            let verdict = policies.evaluate(connection)
            var proxy: ProxyAnswer? = nil
            // The source's egress proxy and the destination's ingress proxy each judge, in turn.
            let proxies = [verdict.egressProxy, verdict.ingressProxy].compactMap { $0 }
            if verdict.allowed, !proxies.isEmpty {
                func ask(_ kind: ProxyAnswer.Kind, _ request: String, _ judge: (ProxyPolicy) -> RuleReference?, applies: (ProxyPolicy) -> Bool) -> ProxyAnswer? {
                    var answer: ProxyAnswer? = nil
                    for rules in proxies where applies(rules) {
                        let checked = rules.http.map(\.reference) + rules.dns.map(\.reference) + rules.serverNames.map(\.reference) + rules.wildcards
                        let permitted = judge(rules)
                        answer = ProxyAnswer(kind: kind, request: request, permittedBy: permitted, rules: checked)
                        if permitted == nil { break }
                    }
                    return answer
                }
                if let request {
                    var asked = request
                    let port = destination.port == 80 ? "" : ":\(destination.port)"
                    asked.host = (target.split(separator: ":").first.map(String.init) ?? target) + port
                    proxy = ask(.http, "\(request.method) \(request.path)", { $0.permit(asked) }, applies: \.parsesHTTP)
                } else if let name = question.dns {
                    let fqdn = name.hasSuffix(".") ? name : name + "."
                    proxy = ask(.dns, fqdn, { $0.permit(dnsQuery: fqdn) }, applies: \.parsesDNS)
                }
                if proxy == nil || proxy?.permittedBy != nil, proxies.contains(where: \.checksServerNames) {
                    let tls = ask(.tls, question.sni ?? "(no server name)", { $0.permit(serverName: question.sni) }, applies: \.checksServerNames)
                    if tls?.permittedBy == nil || proxy == nil { proxy = tls }
                }
            }
            var notes = policies.ipBlocksIgnored(.egress, connection) + policies.ipBlocksIgnored(.ingress, connection)
            if verdict.allowed, proxy == nil, request != nil || question.dns != nil {
                let what = request != nil ? "HTTP requests" : "DNS lookups"
                notes.append("no L7 rule applies to \(what) on this connection: no proxy inspects them, and they go through")
            }
            return PolicyAnswer(
                connection: connection, verdict: verdict, proxy: proxy,
                text: Self.render(connection, verdict, proxy: proxy, destinationLabel: destination.label, notes: notes))
        }
    }

    /// A target and where it lands: each pod behind a service, with the pod's port.
    struct Destination {
        var endpoint: PolicyEndpoint
        var port: Int
        var transport: Transport
        /// An external host's name, for `toFQDNs`.
        var name: String?
        var label: String?
    }

    func destinations(of text: String, from source: Pod) throws(QueryError) -> [Destination] {
        var target = Substring(text)
        var transport = Transport.tcp
        if let slash = target.lastIndex(of: "/"), let parsed = Transport(rawValue: target[target.index(after: slash)...].uppercased()) {
            transport = parsed
            target = target[..<slash]
        }
        guard let colon = target.lastIndex(of: ":"), let port = Int(target[target.index(after: colon)...]),
            transport == .icmp ? (0...255).contains(port) : (1...65535).contains(port)
        else {
            throw QueryError(description: "--to \(text): write NS/POD:PORT[/PROTO], SERVICE:PORT[/PROTO], NAME:PORT or ADDRESS:PORT (PROTO: TCP, UDP, SCTP, or ICMP with the type as port)")
        }
        let host = String(target[..<colon])
        if let pod = pod(host) { return [Destination(endpoint: pod.policyEndpoint, port: port, transport: transport)] }
        let address = IPAddress.parse(host)
        let serviceByName = service(host: host) ?? {
            let parts = host.split(separator: "/").map(String.init)
            return parts.count == 2 ? services.first { $0.namespace == parts[0] && $0.name == parts[1] } : nil
        }()
        if let service = serviceByName ?? address.flatMap({ ip in services.first { $0.clusterIP == ip } }) {
            guard let servicePort = service.ports.first(where: { $0.port == port && $0.protocol == transport }) else {
                throw QueryError(description: "--to \(text): service \(service.namespace)/\(service.name) has no port \(port)/\(transport.rawValue)")
            }
            let backends = pods.filter { pod in
                pod.namespace == service.namespace && !service.selector.isEmpty && service.selector.allSatisfy { pod.labels[$0.key] == $0.value }
            }
            if backends.isEmpty { throw QueryError(description: "--to \(text): no pod backs service \(service.namespace)/\(service.name)") }
            return backends.map { Destination(endpoint: $0.policyEndpoint, port: servicePort.targetPort, transport: transport) }
        }
        if let external = external(named: host) {
            return [Destination(endpoint: .external(external.ip), port: port, transport: transport, name: host, label: host)]
        }
        guard let address else {
            throw QueryError(description: "--to \(text): \"\(host)\" is neither a pod (namespace/name), a service, an external host nor an address")
        }
        if let pod = pods.first(where: { $0.ip == address }) { return [Destination(endpoint: pod.policyEndpoint, port: port, transport: transport)] }
        if let node = nodes.first(where: { $0.ip == address }) {
            // The pod's own node is `host` to it; the others are `remote-node`.
            let entity: CiliumEntity = node.name == source.node ? .host : .remoteNode
            return [Destination(endpoint: .reserved(entity, address), port: port, transport: transport)]
        }
        let name = externals.first { $0.ip == address }?.names.first
        return [Destination(endpoint: .external(address), port: port, transport: transport, name: name)]
    }

    /// Whether `client`'s lookups of `name` go through Cilium's DNS proxy with a rule allowing them:
    /// only then does Cilium learn the answer's addresses for `toFQDNs`.
    public func learnsThroughDNSProxy(_ name: String, from client: Pod, policies: PolicySet) -> Bool {
        guard let dns = services.first(where: { $0.name == "kube-dns" && $0.namespace == "kube-system" }) else { return false }
        let servers = pods.filter { pod in
            pod.namespace == dns.namespace && !dns.selector.isEmpty && dns.selector.allSatisfy { pod.labels[$0.key] == $0.value }
        }
        let fqdn = name.hasSuffix(".") ? name : name + "."
        return servers.contains { server in
            let verdict = policies.evaluate(PolicyConnection(source: client.policyEndpoint, destination: server.policyEndpoint, port: 53, protocol: .udp))
            guard verdict.allowed, let proxy = verdict.egressProxy, proxy.parsesDNS else { return false }
            return proxy.permit(dnsQuery: fqdn) != nil
        }
    }
}
