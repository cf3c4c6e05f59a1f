import FlowModel
import HubbleAPI
import PolicyEngine

/// One side of simulated traffic as a Cilium agent describes it: a pod (with its endpoint), a
/// service's virtual address, or an address outside the cluster.
public struct ClusterPeer: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case pod(Scenario.Pod)
        case service(Scenario.Service)
        /// A node's address: Cilium's `host` to the pods of that node, `remote-node` to the others.
        case node(String, CiliumEntity)
        case world
    }

    public var kind: Kind
    public var ip: IPAddress
    public var identity: UInt32
    /// Cilium's label strings, sorted (`k8s:app=curl`, `reserved:world`).
    public var labels: [String]
    /// Built once: the address as text and the flow endpoint, as a remote node and as the pod's own
    /// node (with the endpoint ID) describe it.
    let ipText: String
    let remoteEndpoint: Flow_Endpoint
    let localEndpoint: Flow_Endpoint

    init(kind: Kind, ip: IPAddress, identity: UInt32, labels: [String], cluster: String) {
        self.kind = kind
        self.ip = ip
        self.identity = identity
        self.labels = labels
        ipText = ip.description
        var endpoint = Flow_Endpoint()
        endpoint.identity = identity
        endpoint.labels = labels
        if case .pod(let pod) = kind {
            endpoint.clusterName = cluster
            endpoint.namespace = pod.namespace
            endpoint.podName = pod.name
            if let workload = pod.workload {
                var w = Flow_Workload()
                w.name = workload.name
                w.kind = workload.kind
                endpoint.workloads = [w]
            }
        }
        remoteEndpoint = endpoint
        if case .pod(let pod) = kind { endpoint.id = pod.endpoint.id }
        localEndpoint = endpoint
    }

    public var pod: Scenario.Pod? {
        if case .pod(let pod) = kind { return pod }
        return nil
    }

    /// Reserved identities as Cilium numbers them.
    public enum Reserved {
        public static let host: UInt32 = 1
        public static let world: UInt32 = 2
        public static let health: UInt32 = 4
        public static let remoteNode: UInt32 = 6
        public static let kubeAPIServer: UInt32 = 7
    }

    static func pod(_ pod: Scenario.Pod, in scenario: Scenario) -> ClusterPeer {
        let namespaceLabels = scenario.namespaces.first { $0.name == pod.namespace }?.labels ?? ["kubernetes.io/metadata.name": pod.namespace]
        var labels = pod.labels.map { "k8s:\($0.key)=\($0.value)" }
        labels += namespaceLabels.map { "k8s:io.cilium.k8s.namespace.labels.\($0.key)=\($0.value)" }
        labels.append("k8s:io.cilium.k8s.policy.cluster=\(scenario.cluster)")
        labels.append("k8s:io.cilium.k8s.policy.serviceaccount=\(pod.serviceAccount)")
        labels.append("k8s:io.kubernetes.pod.namespace=\(pod.namespace)")
        return ClusterPeer(kind: .pod(pod), ip: pod.ip, identity: pod.identity, labels: labels.sorted(), cluster: scenario.cluster)
    }

    /// A service's virtual address before translation: Cilium knows no endpoint there, so the
    /// identity is `world`.
    static func service(_ service: Scenario.Service) -> ClusterPeer {
        ClusterPeer(kind: .service(service), ip: service.clusterIP, identity: Reserved.world, labels: ["reserved:world"], cluster: "")
    }

    /// A node as a pod of `clientNode` sees it.
    static func node(_ node: Scenario.Node, from clientNode: String) -> ClusterPeer {
        let local = node.name == clientNode
        return ClusterPeer(
            kind: .node(node.name, local ? .host : .remoteNode), ip: node.ip, identity: local ? Reserved.host : Reserved.remoteNode,
            labels: [local ? "reserved:host" : "reserved:remote-node"], cluster: "")
    }

    static func world(_ ip: IPAddress) -> ClusterPeer {
        ClusterPeer(kind: .world, ip: ip, identity: Reserved.world, labels: ["reserved:world"], cluster: "")
    }

    var policyEndpoint: PolicyEndpoint {
        switch kind {
        case .pod(let pod): pod.policyEndpoint
        case .node(_, let entity): .reserved(entity, ip)
        case .service, .world: .external(ip)
        }
    }

    /// The flow's endpoint; `local` adds the endpoint ID, which an agent knows only for its own pods.
    func flowEndpoint(local: Bool) -> Flow_Endpoint { local ? localEndpoint : remoteEndpoint }

    public static func == (a: ClusterPeer, b: ClusterPeer) -> Bool { a.kind == b.kind && a.ip == b.ip }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(ip)
    }
}
