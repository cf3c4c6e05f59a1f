import FlowModel
import HubbleAPI

/// One end of a connection as policies see it: a pod, with its namespace, labels and named ports,
/// or an address outside the cluster's pods.
public enum PolicyEndpoint: Sendable, Hashable {
    case pod(Pod)
    /// An address outside the cluster: Cilium's `world`.
    case external(IPAddress)
    /// One of Cilium's reserved identities other than `world` (`host`, `remote-node`,
    /// `kube-apiserver`, `health`, `init`, `ingress`, `unmanaged`), with its address when known.
    case reserved(CiliumEntity, IPAddress?)

    public struct Pod: Sendable, Hashable {
        public var namespace: String
        public var name: String
        public var labels: [String: String]
        public var ip: IPAddress?
        /// Container ports by name (`http` → 80/TCP), for policies that name ports.
        public var namedPorts: [String: NamedPort]
        /// The pod's service account, which Cilium policies may select
        /// (`io.cilium.k8s.policy.serviceaccount`).
        public var serviceAccount: String

        public init(
            namespace: String, name: String, labels: [String: String] = [:], ip: IPAddress? = nil, namedPorts: [String: NamedPort] = [:],
            serviceAccount: String = "default"
        ) {
            self.namespace = namespace
            self.name = name
            self.labels = labels
            self.ip = ip
            self.namedPorts = namedPorts
            self.serviceAccount = serviceAccount
        }
    }

    public struct NamedPort: Sendable, Hashable {
        public var port: Int
        public var `protocol`: Transport

        public init(port: Int, protocol: Transport = .tcp) {
            self.port = port
            self.protocol = `protocol`
        }
    }

    public var pod: Pod? {
        if case .pod(let pod) = self { return pod }
        return nil
    }

    /// `namespace/name`, or the address.
    public var displayName: String {
        switch self {
        case .pod(let pod): "\(pod.namespace)/\(pod.name)"
        case .external(let ip): ip.description
        case .reserved(let entity, let ip): ip.map { "\(entity.rawValue) (\($0))" } ?? entity.rawValue
        }
    }

    /// The address, when known.
    public var address: IPAddress? {
        switch self {
        case .pod(let pod): pod.ip
        case .external(let ip): ip
        case .reserved(_, let ip): ip
        }
    }
}

/// A connection attempt: who opens it, to whom, on which port.
public struct PolicyConnection: Sendable, Hashable {
    public var source: PolicyEndpoint
    public var destination: PolicyEndpoint
    /// The destination port; for ICMP, the message type (8: echo request).
    public var port: Int
    public var `protocol`: Transport
    /// Names the source resolved to the destination's address through Cilium's DNS proxy: what
    /// `toFQDNs` selects by (an answer the proxy did not see teaches Cilium nothing).
    public var destinationNames: [String]
    /// The TLS server name (SNI) the client sends, for `serverNames` rules.
    public var serverName: String?

    public init(
        source: PolicyEndpoint, destination: PolicyEndpoint, port: Int, protocol: Transport = .tcp, destinationNames: [String] = [],
        serverName: String? = nil
    ) {
        self.source = source
        self.destination = destination
        self.port = port
        self.protocol = `protocol`
        self.destinationNames = destinationNames
        self.serverName = serverName
    }
}
