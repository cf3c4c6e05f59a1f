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
        var pairs: [(key: String, value: String)] = []
        for label in labels {
            guard label.hasPrefix("k8s:") else { continue }
            let body = label.dropFirst(4)
            guard let equals = body.firstIndex(of: "=") else { continue }
            let key = String(body[..<equals])
            let value = String(body[body.index(after: equals)...])
            // Cilium's own labels (namespace, service account, cluster, namespace labels) and
            // Kubernetes' per-pod ones.
            if key.hasPrefix("io.cilium.") || key.hasPrefix("io.kubernetes.") || volatile.contains(key) { continue }
            pairs.append((key, value))
        }
        pairs.sort { $0.key < $1.key }
        return pairs
    }
}
