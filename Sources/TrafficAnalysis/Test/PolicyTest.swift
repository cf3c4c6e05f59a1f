import FlowModel
import HubbleAPI
import PolicyEngine

/// What a proposed set of policies (NetworkPolicies and Cilium's) would do to the conversations observed: each is judged
/// by the agent's policy engine as a new connection (its server port and protocol, the labels and
/// namespaces the flows gave its ends) and compared with what happened to it.
public struct PolicyTest: Sendable {
    public enum Outcome: String, Sendable {
        case allowed, denied
    }

    public enum Change: String, Sendable, Comparable {
        case newlyDropped = "newly dropped"
        case newlyAllowed = "newly allowed"
        case unchanged
        /// The flows do not say enough to judge it (no labels, no address, no port).
        case unknown

        public static func < (a: Change, b: Change) -> Bool { a.order < b.order }
        var order: Int {
            switch self {
            case .newlyDropped: 0
            case .newlyAllowed: 1
            case .unknown: 2
            case .unchanged: 3
            }
        }
    }

    public struct Result: Sendable {
        public var key: EdgeKey
        public var stats: EdgeStats
        public var today: Outcome
        public var proposed: Outcome?
        public var change: Change
        /// Which policies decided, or why the conversation could not be judged.
        public var reason: String
    }

    public var results: [Result] = []

    public init(_ map: TrafficMap, policies: [NetworkPolicy], ciliumPolicies: [CiliumPolicy] = [], cidrGroups: [CIDRGroup] = []) {
        var namespaceLabels: [String: [String: String]] = [:]
        // A pod's labels carry its namespace's (`io.cilium.k8s.namespace.labels.KEY`).
        let prefix = "io.cilium.k8s.namespace.labels."
        for labels in map.labels.values {
            let pairs = StableLabels.kubernetes(labels)
            guard let namespace = pairs.first(where: { $0.key == "io.kubernetes.pod.namespace" })?.value else { continue }
            for (key, value) in pairs where key.hasPrefix(prefix) {
                namespaceLabels[namespace, default: [:]][String(key.dropFirst(prefix.count))] = value
            }
        }
        // Cilium's policies select by cluster name too; the flows' pods carry it.
        let cluster = map.labels.values.lazy.compactMap { labels in
            StableLabels.kubernetes(labels).first { $0.key == "io.cilium.k8s.policy.cluster" }?.value
        }.first ?? "default"
        var set = PolicySet(policies: policies, ciliumPolicies: ciliumPolicies, namespaceLabels: namespaceLabels, cluster: cluster)
        set.cidrGroups = cidrGroups
        for (key, stats) in map.sortedEdges {
            if key.destination.kind == .service { continue }  // judged after translation, to the pods
            let policyDropped = stats.policyDropped
            guard policyDropped || stats.count(.forwarded) > 0 else { continue }
            let today: Outcome = policyDropped ? .denied : .allowed
            var result = Result(key: key, stats: stats, today: today, proposed: nil, change: .unknown, reason: "")
            switch Self.connection(key, map: map) {
            case .failure(let why):
                result.reason = why.description
            case .success(let connection):
                let verdict = set.evaluate(connection)
                var proposed: Outcome = verdict.allowed ? .allowed : .denied
                result.reason = Self.explain(verdict)
                // The HTTP requests seen allowed, judged by the proxy the proposed rules put in the way.
                if verdict.allowed, today == .allowed, let proxy = verdict.ingressProxy ?? verdict.egressProxy, proxy.parsesHTTP {
                    let refused = stats.requests.keys.sorted().filter { request in
                        let parts = request.split(separator: " ", maxSplits: 1).map(String.init)
                        guard parts.count == 2, !request.hasPrefix("DNS "), !stats.refusedRequests.contains(request) else { return false }
                        return proxy.permit(HTTPRequest(method: parts[0], path: parts[1])) == nil
                    }
                    if !refused.isEmpty {
                        proposed = .denied
                        result.reason += "; the proxy would answer 403 to \(refused.joined(separator: ", "))"
                    }
                }
                result.proposed = proposed
                result.change = proposed == today ? .unchanged : (proposed == .denied ? .newlyDropped : .newlyAllowed)
            }
            results.append(result)
        }
        results.sort { ($0.change, $0.key) < ($1.change, $1.key) }
    }

    /// Nothing seen forwarded would be dropped.
    public var passes: Bool { !results.contains { $0.change == .newlyDropped } }

    public func count(_ change: Change) -> Int { results.filter { $0.change == change }.count }

    struct Unknown: Error, CustomStringConvertible {
        var description: String
    }

    /// The connection the engine judges, or why there is none.
    static func connection(_ key: EdgeKey, map: TrafficMap) -> Swift.Result<PolicyConnection, Unknown> {
        guard let transport = Transport(rawValue: key.proto), transport.hasPorts, key.port != 0 else {
            return .failure(Unknown(description: "\(key.proto.isEmpty ? "no layer 4" : key.proto) has no port for a policy to judge"))
        }
        guard case .success(let source) = endpoint(key.source, map: map) else {
            if case .failure(let why) = endpoint(key.source, map: map) { return .failure(why) }
            return .failure(Unknown(description: "unknown source"))
        }
        switch endpoint(key.destination, map: map) {
        case .failure(let why): return .failure(why)
        case .success(let destination):
            // An address the flows named from a DNS answer: Cilium's proxy saw the answer (toFQDNs).
            let names = key.destination.kind == .world && IPAddress.parse(key.destination.name) == nil ? [key.destination.name] : []
            return .success(PolicyConnection(source: source, destination: destination, port: Int(key.port), protocol: transport, destinationNames: names))
        }
    }

    /// A peer as the engine sees it: a pod with the labels the flows gave it, or an address.
    static func endpoint(_ peer: Peer, map: TrafficMap) -> Swift.Result<PolicyEndpoint, Unknown> {
        switch peer.kind {
        case .workload, .pod:
            guard let labels = map.labels[peer] else {
                return .failure(Unknown(description: "the flows carry no labels for \(peer.label)"))
            }
            var pairs: [String: String] = [:]
            for (key, value) in StableLabels.kubernetes(labels) where !key.hasPrefix("io.cilium.k8s.namespace.labels.") {
                pairs[key] = value
            }
            let serviceAccount = pairs.removeValue(forKey: "io.cilium.k8s.policy.serviceaccount") ?? "default"
            pairs["io.cilium.k8s.policy.cluster"] = nil
            pairs["io.kubernetes.pod.namespace"] = nil
            let ip = map.addresses[peer].flatMap { IPAddress.parse($0) }
            return .success(.pod(PolicyEndpoint.Pod(namespace: peer.namespace, name: peer.name, labels: pairs, ip: ip, serviceAccount: serviceAccount)))
        case .entity:
            let ip = map.addresses[peer].flatMap { IPAddress.parse($0) }
            guard let entity = CiliumEntity(rawValue: peer.name), entity != .world else {
                guard let ip else { return .failure(Unknown(description: "the flows carry no address for \(peer.label)")) }
                return .success(.external(ip))
            }
            return .success(.reserved(entity, ip))
        case .world, .identity, .unknown:
            guard let address = map.addresses[peer].flatMap({ IPAddress.parse($0) }) else {
                return .failure(Unknown(description: "the flows carry no address for \(peer.label)"))
            }
            return .success(.external(address))
        case .namespace, .service:
            return .failure(Unknown(description: "\(peer.label) is not one endpoint"))
        }
    }

    /// `egress: allowed by ns/p; ingress: denied (isolated by ns/q, no rule allows)`.
    static func explain(_ verdict: PolicyVerdict) -> String {
        func side(_ name: String, _ decision: PolicyVerdict.Decision) -> String? {
            switch decision {
            case .notApplicable, .notIsolated: nil
            case .allowed(let by): "\(name) allowed by \(by.joined(separator: ", "))"
            case .denied(let isolatedBy): "\(name) denied: \(isolatedBy.joined(separator: ", ")) \(isolatedBy.count == 1 ? "selects" : "select") it and no rule allows"
            case .deniedByRule(let by): "\(name) denied by a deny rule of \(by.joined(separator: ", "))"
            }
        }
        let parts = [side("egress", verdict.egress), side("ingress", verdict.ingress)].compactMap { $0 }
        return parts.isEmpty ? "no policy selects either end" : parts.joined(separator: "; ")
    }
}
