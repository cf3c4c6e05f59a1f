import FlowModel

/// One end of a conversation, at the grain the map is drawn at: a workload, a pod or a namespace;
/// a reserved entity (`host`, `kube-apiserver`, …); an address or name outside the cluster.
public struct Peer: Hashable, Sendable, Comparable {
    public enum Kind: String, Sendable, CaseIterable {
        case workload, pod, namespace
        /// A reserved identity of Cilium's other than the world: host, remote-node, kube-apiserver, …
        case entity
        /// A Kubernetes service, for flows addressed to its virtual IP (before translation).
        case service
        /// Outside the cluster: the name a DNS answer gave the address, else the address.
        case world
        /// An identity without a pod or a reserved name (a CIDR identity, a remote cluster's).
        case identity
        /// Nothing in the flow says who it is.
        case unknown
    }

    public var kind: Kind
    /// The namespace of a workload, pod or namespace; empty otherwise.
    public var namespace: String
    public var name: String

    public init(kind: Kind, namespace: String = "", name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// How it is written in a table: `echo/echo` for a workload or a pod, the name of a namespace,
    /// `host`, `service:kube-system/kube-dns`, `world:api.github.com`, `identity:16777217`.
    public var label: String {
        switch kind {
        case .workload, .pod: "\(namespace)/\(name)"
        case .namespace, .entity: name
        case .service: "service:\(namespace)/\(name)"
        case .world: "world:\(name)"
        case .identity: "identity:\(name)"
        case .unknown: name.isEmpty ? "unknown" : name
        }
    }

    /// In-cluster peers first, then reserved entities, the world, and the rest; by label within.
    public static func < (a: Peer, b: Peer) -> Bool {
        (a.rank, a.label, a.kind.rawValue) < (b.rank, b.label, b.kind.rawValue)
    }

    var rank: Int {
        switch kind {
        case .workload, .pod, .namespace, .service: 0
        case .entity: 1
        case .world: 2
        case .identity, .unknown: 3
        }
    }
}
