import FlowModel
import HubbleAPI
import PolicyEngine

/// A simulated cluster as a scenario file describes it: nodes, namespaces, pods with their labels,
/// addresses and identities, services, NetworkPolicies as ordinary manifests, and the traffic to play.
public struct Scenario: Sendable {
    public var cluster: String
    /// Whose semantics decide where they differ: Cilium's (the default) or upstream Kubernetes'
    /// (a NetworkPolicy's `ipBlock` then selects pods by address).
    public var enforcement: Enforcement = .cilium
    public var nodes: [Node]
    public var namespaces: [Namespace]
    public var pods: [Pod]
    public var services: [Service]
    public var policies: [NetworkPolicy]
    public var ciliumPolicies: [CiliumPolicy] = []
    /// CiliumCIDRGroups, listed with the policies.
    public var cidrGroups: [CIDRGroup] = []
    /// Hosts outside the cluster, by name: what DNS answers for them.
    public var externals: [External] = []
    public var traffic: [Traffic]

    public struct Node: Sendable, Hashable {
        public var name: String
        public var podCIDR: IPPrefix?
        public var labels: [String: String]
        /// The node's InternalIP: where its agent listens, as Peer notifications announce it.
        public var ip: IPAddress
    }

    public struct Namespace: Sendable, Hashable {
        public var name: String
        /// The namespace's labels, `kubernetes.io/metadata.name` included.
        public var labels: [String: String]
    }

    public struct Pod: Sendable, Hashable {
        public var namespace: String
        public var name: String
        public var node: String
        public var ip: IPAddress
        public var labels: [String: String]
        public var serviceAccount: String
        public var workload: Workload?
        /// Given in the file (Cilium allocates these; the seed's are 93339, 102210, 71969), or derived
        /// from the label set.
        public var identity: UInt32
        public var ports: [PolicyEndpoint.NamedPort]
        public var portNames: [String: PolicyEndpoint.NamedPort]
        /// The Cilium endpoint: its ID on the node, its MAC address and its host-side interface.
        public var endpoint: Endpoint

        public var policyEndpoint: PolicyEndpoint {
            .pod(.init(namespace: namespace, name: name, labels: labels, ip: ip, namedPorts: portNames, serviceAccount: serviceAccount))
        }
    }

    /// A pod's Cilium endpoint. A scenario may give these (the seed's 1877, 2764, 412); the others are
    /// derived from the pod's name, so they are stable from run to run.
    public struct Endpoint: Sendable, Hashable {
        public var id: UInt32
        public var mac: String
        public var interfaceIndex: UInt32
        public var interfaceName: String

        public init(id: UInt32, mac: String, interfaceIndex: UInt32, interfaceName: String) {
            self.id = id
            self.mac = mac
            self.interfaceIndex = interfaceIndex
            self.interfaceName = interfaceName
        }

        /// Values derived from `namespace/name`.
        public static func derived(namespace: String, name: String) -> Endpoint {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in "\(namespace)/\(name)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            let mac = (0..<6).map { i -> String in
                var octet = UInt8(truncatingIfNeeded: hash >> (UInt64(i) * 8))
                if i == 0 { octet = (octet & 0xfe) | 0x02 }
                return String(octet, radix: 16).leftPadded(to: 2)
            }.joined(separator: ":")
            let suffix = String(hash >> 12, radix: 16).leftPadded(to: 12).suffix(12)
            return Endpoint(
                id: UInt32(100 + hash % 3900), mac: mac, interfaceIndex: UInt32(8 + (hash >> 20) % 40),
                interfaceName: "lxc" + suffix)
        }
    }

    public enum Enforcement: String, Sendable, Hashable, CaseIterable {
        case cilium
        case kubernetes
    }

    /// A host outside the cluster: its DNS names and its address.
    public struct External: Sendable, Hashable {
        public var names: [String]
        public var ip: IPAddress
    }

    public struct Workload: Sendable, Hashable {
        public var kind: String
        public var name: String
    }

    public struct Service: Sendable, Hashable {
        public var namespace: String
        public var name: String
        public var clusterIP: IPAddress
        public var selector: [String: String]
        public var ports: [ServicePort]

        /// `name.namespace.svc.cluster.local`.
        public var hostName: String { "\(name).\(namespace).svc.cluster.local" }
    }

    public struct ServicePort: Sendable, Hashable {
        public var port: Int
        public var targetPort: Int
        public var `protocol`: Transport
    }

    /// A client that repeatedly opens a connection: resolving the name through DNS first when it
    /// is a service name.
    public struct Traffic: Sendable, Hashable {
        public var from: String
        public var to: String
        public var port: Int
        public var `protocol`: Transport
        /// HTTP requests the client makes, seen by Cilium's L7 proxy (http-request/http-response
        /// events); `nil` when the traffic is not visible at L7.
        public var http: HTTPRequests?
    }

    /// The requests of HTTP traffic: each connection makes one, cycling through paths and methods.
    public struct HTTPRequests: Sendable, Hashable {
        public var paths: [String]
        public var methods: [String]
    }

    public func pod(_ reference: String) -> Pod? {
        let parts = reference.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        return pods.first { $0.namespace == parts[0] && $0.name == parts[1] }
    }

    public func external(named name: String) -> External? {
        let name = name.lowercased()
        return externals.first { $0.names.contains { $0.lowercased() == name } }
    }

    public func service(host: String) -> Service? {
        services.first { host == $0.hostName || host == "\($0.name).\($0.namespace)" || host == "\($0.name).\($0.namespace).svc" }
    }

    /// The cluster's policies, with its namespaces' labels.
    public var policySet: PolicySet {
        var set = PolicySet(
            policies: policies, ciliumPolicies: ciliumPolicies,
            namespaceLabels: Dictionary(uniqueKeysWithValues: namespaces.map { ($0.name, $0.labels) }), cluster: cluster,
            services: Dictionary(services.map { (CiliumPeerRule.ServiceReference(name: $0.name, namespace: $0.namespace), $0.selector) }) { a, _ in a })
        set.ipBlocksSelectPods = enforcement == .kubernetes
        set.cidrGroups = cidrGroups
        return set
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
