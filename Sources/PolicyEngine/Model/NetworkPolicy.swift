import FlowModel
import HubbleAPI

/// A Kubernetes `networking.k8s.io/v1` NetworkPolicy: the pods it selects in its namespace, which
/// directions it isolates, and the traffic it allows in each.
public struct NetworkPolicy: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable, CaseIterable {
        case ingress = "Ingress"
        case egress = "Egress"
    }

    public var name: String
    public var namespace: String
    /// The pods of `namespace` the policy applies to; an empty selector selects every pod.
    public var podSelector: LabelSelectorSpec
    /// The directions the policy isolates. Without `policyTypes` in the manifest: ingress always,
    /// and egress when the policy has egress rules.
    public var policyTypes: Set<Direction>
    public var ingress: [Rule]
    public var egress: [Rule]
    /// Where the manifest is, for rule paths: `policies[2]` in a scenario.
    public var origin: String = ""

    public init(
        name: String, namespace: String, podSelector: LabelSelectorSpec = LabelSelectorSpec(),
        policyTypes: Set<Direction>? = nil, ingress: [Rule] = [], egress: [Rule] = []
    ) {
        self.name = name
        self.namespace = namespace
        self.podSelector = podSelector
        self.policyTypes = policyTypes ?? (egress.isEmpty ? [.ingress] : [.ingress, .egress])
        self.ingress = ingress
        self.egress = egress
    }

    /// One ingress or egress rule: traffic from (or to) any of `peers` on any of `ports`. No peers
    /// means every peer, no ports every port.
    public struct Rule: Sendable, Hashable {
        public var peers: [Peer]
        public var ports: [Port]

        public init(peers: [Peer] = [], ports: [Port] = []) {
            self.peers = peers
            self.ports = ports
        }
    }

    /// A `from`/`to` entry: pods by selector (in the policy's namespace, or in the namespaces a
    /// namespace selector picks; both together must both hold), or an IP block.
    public struct Peer: Sendable, Hashable {
        public var podSelector: LabelSelectorSpec?
        public var namespaceSelector: LabelSelectorSpec?
        public var ipBlock: IPBlock?

        public init(podSelector: LabelSelectorSpec? = nil, namespaceSelector: LabelSelectorSpec? = nil, ipBlock: IPBlock? = nil) {
            self.podSelector = podSelector
            self.namespaceSelector = namespaceSelector
            self.ipBlock = ipBlock
        }
    }

    /// Addresses in `cidr` but in none of `except`, parsed once here (an unparsable CIDR selects
    /// nothing; the decoder refuses one before it gets here).
    public struct IPBlock: Sendable, Hashable {
        public let cidr: String
        public let except: [String]
        let prefix: IPPrefix?
        let exceptPrefixes: [IPPrefix]

        public init(cidr: String, except: [String] = []) {
            self.cidr = cidr
            self.except = except
            prefix = IPPrefix.parse(cidr)
            exceptPrefixes = except.compactMap(IPPrefix.parse)
        }

        public func contains(_ address: IPAddress) -> Bool {
            guard let prefix, prefix.contains(address) else { return false }
            return !exceptPrefixes.contains { $0.contains(address) }
        }
    }

    /// A port: a number or a container port's name, with an optional `endPort` for a range.
    public struct Port: Sendable, Hashable {
        public enum Number: Sendable, Hashable {
            case number(Int)
            case named(String)
        }

        public var `protocol`: Transport
        /// `nil`: every port of the protocol.
        public var port: Number?
        public var endPort: Int?

        public init(protocol: Transport = .tcp, port: Number? = nil, endPort: Int? = nil) {
            self.protocol = `protocol`
            self.port = port
            self.endPort = endPort
        }
    }
}

/// The protocols policies name: TCP, UDP and SCTP (with ports, the only ones a NetworkPolicy
/// names) and ICMP (by message type, in Cilium's `icmps`).
public enum Transport: String, Sendable, Hashable, CaseIterable {
    case tcp = "TCP"
    case udp = "UDP"
    case sctp = "SCTP"
    case icmp = "ICMP"

    /// Whether the protocol has ports (TCP, UDP, SCTP).
    public var hasPorts: Bool { self != .icmp }
}
