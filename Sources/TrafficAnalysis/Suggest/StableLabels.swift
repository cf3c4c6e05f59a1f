/// The labels a suggested selector uses: those that stay the same across a workload's pods and
/// rollouts. From the labels a flow carries (`k8s:app=curl`, Cilium's source prefix first), the
/// Kubernetes ones are kept without the prefix, less those that change with every rollout or pod
/// and Cilium's own; then the recommended `app.kubernetes.io/` labels are preferred, else `app`,
/// else `k8s-app`, else all that are left.
public enum StableLabels {
    /// Keys that differ between the pods or the revisions of one workload (Kubernetes' controllers
    /// set them).
    static let volatile: Set<String> = [
        "pod-template-hash", "controller-revision-hash", "pod-template-generation", "statefulset.kubernetes.io/pod-name",
        "apps.kubernetes.io/pod-index", "batch.kubernetes.io/controller-uid", "controller-uid",
        "batch.kubernetes.io/job-completion-index",
    ]

    /// The selector's labels, sorted by key; empty when nothing stable is known.
    public static func select(_ labels: [String]) -> [(key: String, value: String)] {
        let pairs = all(labels)
        let recommended = pairs.filter { ["app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component"].contains($0.key) }
        if recommended.contains(where: { $0.key == "app.kubernetes.io/name" }) { return recommended }
        if let app = pairs.first(where: { $0.key == "app" }) { return [app] }
        if let app = pairs.first(where: { $0.key == "k8s-app" }) { return [app] }
        return pairs
    }

    /// Every stable label, sorted by key: for a selector that must tell apart workloads the
    /// preferred labels do not (`app: reviews` on two versions).
    public static func all(_ labels: [String]) -> [(key: String, value: String)] {
        // Cilium's own labels (namespace, service account, cluster, namespace labels) and
        // Kubernetes' per-pod ones are left out.
        kubernetes(labels).filter { !$0.key.hasPrefix("io.cilium.") && !$0.key.hasPrefix("io.kubernetes.") && !volatile.contains($0.key) }
            .sorted { $0.key < $1.key }
    }

    /// The Kubernetes labels of a flow's endpoint labels (`k8s:key=value`, Cilium's source prefix
    /// removed), in their order.
    public static func kubernetes(_ labels: [String]) -> [(key: String, value: String)] {
        labels.compactMap { label in
            guard label.hasPrefix("k8s:") else { return nil }
            let body = label.dropFirst(4)
            guard let equals = body.firstIndex(of: "=") else { return nil }
            return (String(body[..<equals]), String(body[body.index(after: equals)...]))
        }
    }
}
