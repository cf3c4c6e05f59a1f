import FlowModel
import HubbleAPI

/// One end of a connection as policies see it: a pod, with its namespace, labels and named ports,
/// or an address outside the cluster's pods.
public enum PolicyEndpoint: Sendable, Hashable {
    case pod(Pod)
    case external(IPAddress)

    public struct Pod: Sendable, Hashable {
        public var namespace: String
        public var name: String
        public var labels: [String: String]
        public var ip: IPAddress?
        /// Container ports by name (`http` → 80/TCP), for policies that name ports.
        public var namedPorts: [String: NamedPort]

        public init(namespace: String, name: String, labels: [String: String] = [:], ip: IPAddress? = nil, namedPorts: [String: NamedPort] = [:]) {
            self.namespace = namespace
            self.name = name
            self.labels = labels
            self.ip = ip
            self.namedPorts = namedPorts
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
        }
    }
}

/// A connection attempt: who opens it, to whom, on which port.
public struct PolicyConnection: Sendable, Hashable {
    public var source: PolicyEndpoint
    public var destination: PolicyEndpoint
    public var port: Int
    public var `protocol`: Transport

    public init(source: PolicyEndpoint, destination: PolicyEndpoint, port: Int, protocol: Transport = .tcp) {
        self.source = source
        self.destination = destination
        self.port = port
        self.protocol = `protocol`
    }
}
