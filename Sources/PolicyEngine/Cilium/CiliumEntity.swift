/// A Cilium entity (`fromEntities`/`toEntities`): a name for a group of identities, as Cilium's
/// `api.EntitySelectorMapping` defines it (pkg/policy/api/entity.go).
public enum CiliumEntity: String, Sendable, Hashable, CaseIterable {
    case all
    case world
    case worldIPv4 = "world-ipv4"
    case worldIPv6 = "world-ipv6"
    case cluster
    case host
    case remoteNode = "remote-node"
    case kubeAPIServer = "kube-apiserver"
    case health
    case `init`
    case ingress
    case unmanaged
    case none

    /// Whether the entity selects an endpoint with `labels`, in cluster `cluster`.
    public func selects(_ labels: CiliumLabels, cluster: String) -> Bool {
        let reserved = labels.bySource["reserved"] ?? [:]
        switch self {
        case .all: return !labels.isEmpty
        case .none: return false
        case .world: return reserved["world"] != nil || reserved["world-ipv4"] != nil || reserved["world-ipv6"] != nil
        case .worldIPv4, .worldIPv6, .host, .remoteNode, .kubeAPIServer, .health, .`init`, .ingress, .unmanaged:
            return reserved[rawValue] != nil
        case .cluster:
            // Every identity of this cluster: its pods (by the cluster label) and the reserved ones
            // that are not the world.
            let inCluster: Set<String> = ["host", "remote-node", "kube-apiserver", "health", "init", "ingress", "unmanaged"]
            return reserved.keys.contains(where: inCluster.contains) || labels.values(of: "k8s:io.cilium.k8s.policy.cluster") == [cluster]
        }
    }
}
