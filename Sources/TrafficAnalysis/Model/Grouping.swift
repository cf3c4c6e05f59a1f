import FlowModel
import HubbleAPI

/// The grain of the map's nodes (`--group-by`).
public enum Grouping: String, Sendable, CaseIterable {
    case namespace, workload, pod

    /// Who one side of a flow is: a pod (named as the grain says) when the flow names one; else the
    /// service whose virtual IP it was sent to; else a reserved entity or the world, by the
    /// identity Cilium gave the address.
    func peer(_ endpoint: Flow_Endpoint, address: String, names: [String], service: Flow_Service? = nil) -> Peer {
        if !endpoint.namespace.isEmpty {
            switch self {
            case .namespace:
                return Peer(kind: .namespace, name: endpoint.namespace)
            case .workload:
                if let workload = endpoint.workloads.first(where: { !$0.name.isEmpty }) {
                    return Peer(kind: .workload, namespace: endpoint.namespace, name: workload.name)
                }
                if !endpoint.podName.isEmpty {
                    return Peer(kind: .workload, namespace: endpoint.namespace, name: WorkloadName.of(pod: endpoint.podName))
                }
            case .pod:
                if !endpoint.podName.isEmpty { return Peer(kind: .pod, namespace: endpoint.namespace, name: endpoint.podName) }
            }
            // A namespace without a pod name: an endpoint known by its labels only.
            return Peer(kind: .namespace, name: endpoint.namespace)
        }
        if let service, !service.name.isEmpty {
            return Peer(kind: .service, namespace: service.namespace, name: service.name)
        }
        let identity = endpoint.identity
        // Reserved identities (Cilium's pkg/identity/numericidentity.go): 2 world, 9 world-ipv4,
        // 10 world-ipv6; CIDR identities (local scope, 1 << 24 and above) are addresses outside too.
        if identity == 2 || identity == 9 || identity == 10 || identity >= 1 << 24 || endpoint.labels.contains(where: { $0.hasPrefix("reserved:world") }) {
            return Peer(kind: .world, name: names.first ?? (address.isEmpty ? "unknown" : address))
        }
        if let reserved = ReservedIdentity.name(identity) {
            return Peer(kind: .entity, name: reserved)
        }
        if identity != 0 { return Peer(kind: .identity, name: String(identity)) }
        return Peer(kind: .unknown, name: address)
    }
}
