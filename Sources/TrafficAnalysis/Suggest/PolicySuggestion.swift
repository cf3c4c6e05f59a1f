import FlowModel
import HubbleAPI
import PolicyEngine

/// Least-privilege policies from observed traffic: for each workload, the conversations seen
/// forwarded to it (ingress) or from it (egress), and nothing else. Conversations a policy dropped
/// are "denied today" and allowed only on request; what the chosen kind of policy cannot express,
/// or whose labels the flows did not carry, is listed and left out, never guessed.
public struct PolicySuggestion: Sendable {
    public enum Direction: String, Sendable, CaseIterable, Comparable {
        case ingress, egress
        public static func < (a: Direction, b: Direction) -> Bool { a.rawValue > b.rawValue }
    }

    /// The kind of policy suggested: what it can name decides what is left out.
    public enum Kind: String, Sendable, CaseIterable {
        /// `networking.k8s.io/v1` NetworkPolicy: pods and addresses.
        case networkPolicy = "networkpolicy"
        /// CiliumNetworkPolicy: also Cilium's entities, DNS names (`toFQDNs`) and L7 HTTP rules.
        case cilium
    }

    public struct Options: Sendable {
        public var directions: Set<Direction> = [.ingress, .egress]
        public var includeDropped = false
        public var kind = Kind.networkPolicy
        /// With `cilium`: HTTP rules allowing exactly the requests seen.
        public var l7 = false
        public init() {}
    }

    /// The other end of a rule.
    public enum Counterpart: Hashable, Sendable, Comparable {
        /// Pods by their labels, in a namespace.
        case pods(namespace: String, labels: [String: String])
        /// An address outside the cluster.
        case address(String)
        /// One of Cilium's reserved entities (`host`, `remote-node`, `kube-apiserver`, …).
        case entity(String)
        /// A name outside the cluster, as DNS answered it (egress only).
        case fqdn(String)

        public static func < (a: Counterpart, b: Counterpart) -> Bool { a.sortKey < b.sortKey }
        var sortKey: String {
            switch self {
            case .pods(let namespace, let labels): "0 \(namespace) " + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            case .entity(let name): "1 \(name)"
            case .fqdn(let name): "2 \(name)"
            case .address(let address): "3 \(address)"
            }
        }
    }

    public struct Port: Hashable, Sendable, Comparable {
        public var proto: String
        public var number: UInt32
        public static func < (a: Port, b: Port) -> Bool { (a.number, a.proto) < (b.number, b.proto) }
    }

    public struct Rule: Sendable {
        public var counterpart: Counterpart
        public var ports: Set<Port>
        /// The conversations the rule comes from, with their flows.
        public var origins: [(key: EdgeKey, stats: EdgeStats)]
    }

    public struct Policy: Sendable {
        public var target: Peer
        public var selector: [String: String]
        public var direction: Direction
        public var rules: [Rule]
        /// A name unique in its namespace: the workload's and the direction's.
        public var name: String { "\(PolicyNames.dnsLabel(target.name))-allow-\(direction.rawValue)" }
    }

    public var policies: [Policy] = []
    /// Workloads left unisolated in a direction, because some of their traffic could not be
    /// allowed (a policy would drop it), with why.
    public var notIsolated: [(target: Peer, direction: Direction, reason: String)] = []
    /// Conversations a policy dropped, not allowed (without `includeDropped`).
    public var deniedToday: [(key: EdgeKey, stats: EdgeStats)] = []
    /// Conversations left out, and why.
    public var leftOut: [(key: EdgeKey, reason: String)] = []
    public var flows = 0
    public var options: Options

    public init(_ map: TrafficMap, options: Options = Options()) {
        flows = map.flowsSeen
        self.options = options
        let (selectors, overlapping) = Self.selectors(map)
        var building: [PolicyKey: Policy] = [:]
        var blocked: [PolicyKey: String] = [:]
        for (key, stats) in map.sortedEdges {
            if key.destination.kind == .service { continue }  // the translated conversation to the pods counts
            let policyDropped = stats.policyDropped
            if policyDropped && !options.includeDropped {
                deniedToday.append((key, stats))
                continue
            }
            guard stats.count(.forwarded) > 0 || policyDropped else { continue }
            // A NetworkPolicy's ports name TCP, UDP and SCTP ports; ICMP and the rest can only be
            // allowed with every port, which is not least privilege: such a conversation is left out.
            let port = Transport(rawValue: key.proto)?.hasPorts == true && key.port != 0 ? Port(proto: key.proto, number: key.port) : nil
            for direction in Direction.allCases where options.directions.contains(direction) {
                let (local, remote) = direction == .ingress ? (key.destination, key.source) : (key.source, key.destination)
                guard local.kind == .workload || local.kind == .pod else { continue }
                let selector = selectors[local] ?? []
                guard !selector.isEmpty else {
                    leftOut.append((key, "\(local.label) carries no labels in the flows, so no selector can name it"))
                    continue
                }
                let policyKey = PolicyKey(target: local, direction: direction)
                if let other = overlapping[local] {
                    // A policy for it would isolate the other workload too, without its rules.
                    if blocked[policyKey] == nil { blocked[policyKey] = "its labels also select \(other.label)" }
                    continue
                }
                guard let port else {
                    leftOut.append((key, "\(key.proto.isEmpty ? "traffic without a port" : key.proto) cannot be allowed by port"))
                    if blocked[policyKey] == nil { blocked[policyKey] = "\(key.source.label) → \(key.destination.label) \(key.portLabel) cannot be allowed" }
                    continue
                }
                guard let counterpart = Self.counterpart(
                    remote, selector: selectors[remote] ?? [], key: key, kind: options.kind, direction: direction, leftOut: &leftOut)
                else {
                    if blocked[policyKey] == nil { blocked[policyKey] = "\(key.source.label) → \(key.destination.label) \(key.portLabel) cannot be allowed" }
                    continue
                }
                var policy = building[policyKey] ?? Policy(
                    target: local, selector: Dictionary(uniqueKeysWithValues: selector.map { ($0.key, $0.value) }), direction: direction, rules: [])
                if let index = policy.rules.firstIndex(where: { $0.counterpart == counterpart }) {
                    policy.rules[index].ports.insert(port)
                    policy.rules[index].origins.append((key, stats))
                } else {
                    policy.rules.append(Rule(counterpart: counterpart, ports: [port], origins: [(key, stats)]))
                }
                building[policyKey] = policy
            }
        }
        // A peer that cannot be named is told once a conversation, not once a direction.
        var told = Set<String>()
        leftOut = leftOut.filter { told.insert("\($0.key.source.label)\u{0}\($0.key.destination.label)\u{0}\($0.key.portLabel)\u{0}\($0.reason)").inserted }
        // Isolating a workload that receives (or sends) traffic no rule can allow would drop it.
        for (key, reason) in blocked {
            building[key] = nil
            notIsolated.append((key.target, key.direction, reason))
        }
        notIsolated.sort { ($0.target, $0.direction) < ($1.target, $1.direction) }
        policies = building.values.map { policy in
            var sorted = policy
            sorted.rules.sort { $0.counterpart < $1.counterpart }
            return sorted
        }.sorted { ($0.target.namespace, $0.target.name, $0.direction) < ($1.target.namespace, $1.target.name, $1.direction) }
    }

    struct PolicyKey: Hashable {
        var target: Peer
        var direction: Direction
    }

    /// The selector of each workload: its preferred stable labels, or all its stable labels when the
    /// preferred ones would also select another workload of its namespace seen in the flows; and the
    /// workloads whose stable labels all hold for another one, which no selector can single out.
    static func selectors(_ map: TrafficMap) -> (selectors: [Peer: [(key: String, value: String)]], overlapping: [Peer: Peer]) {
        var selectors: [Peer: [(key: String, value: String)]] = [:]
        var overlapping: [Peer: Peer] = [:]
        let pods = map.labels.filter { $0.key.kind == .workload || $0.key.kind == .pod }
        let stable = pods.mapValues { Dictionary(StableLabels.all($0).map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }) }
        for (peer, labels) in pods {
            let preferred = StableLabels.select(labels)
            let others = stable.filter { $0.key != peer && $0.key.namespace == peer.namespace && $0.key.name != peer.name }
            let ambiguous = others.values.contains { other in preferred.allSatisfy { other[$0.key] == $0.value } }
            let selector = ambiguous ? StableLabels.all(labels) : preferred
            selectors[peer] = selector
            if ambiguous, !selector.isEmpty,
                let other = others.filter({ other in selector.allSatisfy { other.value[$0.key] == $0.value } }).keys.sorted().first
            {
                overlapping[peer] = other
            }
        }
        return (selectors, overlapping)
    }

    /// What a rule names for `peer`: pods by stable labels in their namespace, or an address.
    static func counterpart(
        _ peer: Peer, selector: [(key: String, value: String)], key: EdgeKey, kind: Kind, direction: Direction,
        leftOut: inout [(key: EdgeKey, reason: String)]
    ) -> Counterpart? {
        switch peer.kind {
        case .workload, .pod:
            guard !selector.isEmpty else {
                leftOut.append((key, "\(peer.label) carries no labels in the flows, so no selector can name it"))
                return nil
            }
            return .pods(namespace: peer.namespace, labels: Dictionary(uniqueKeysWithValues: selector.map { ($0.key, $0.value) }))
        case .world where IPAddress.parse(peer.name) != nil:
            return .address(peer.name)
        case .world where kind == .cilium && direction == .egress:
            return .fqdn(peer.name)
        case .world:
            leftOut.append((key, kind == .cilium
                ? "\(peer.label) is known by name only, and Cilium selects names (toFQDNs) only on egress"
                : "\(peer.label) is known by name only: a NetworkPolicy needs its addresses (ipBlock)"))
            return nil
        case .entity where kind == .cilium && CiliumEntity(rawValue: peer.name) != nil:
            return .entity(peer.name)
        case .entity:
            leftOut.append((key, "a NetworkPolicy cannot name Cilium's \(peer.name) entity"))
            return nil
        case .namespace, .service, .identity, .unknown:
            leftOut.append((key, "\(peer.label) cannot be named by a selector"))
            return nil
        }
    }
}

/// Kubernetes object names made from workload names.
enum PolicyNames {
    /// Lower case letters, digits and `-`, starting and ending with an alphanumeric, at most 63.
    static func dnsLabel(_ text: String) -> String {
        var out = String(text.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
        while out.hasPrefix("-") { out.removeFirst() }
        out = String(out.prefix(40))
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "workload" : out
    }
}
