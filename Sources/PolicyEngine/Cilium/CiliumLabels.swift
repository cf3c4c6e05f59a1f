/// An endpoint's labels as Cilium's identities carry them: each with its source (`k8s`, `reserved`).
/// A pod has its own labels and the ones Cilium derives (`io.kubernetes.pod.namespace`,
/// `io.cilium.k8s.namespace.labels.*`, `io.cilium.k8s.policy.serviceaccount`,
/// `io.cilium.k8s.policy.cluster`), all from source `k8s`; reserved identities have `reserved:<name>`.
public struct CiliumLabels: Sendable, Hashable {
    /// Values by source, then key.
    public private(set) var bySource: [String: [String: String]]

    public init(_ bySource: [String: [String: String]] = [:]) {
        self.bySource = bySource
    }

    public static func reserved(_ names: String...) -> CiliumLabels {
        CiliumLabels(["reserved": Dictionary(uniqueKeysWithValues: names.map { ($0, "") })])
    }

    /// The labels Cilium gives a pod.
    public static func pod(
        labels: [String: String], namespace: String, namespaceLabels: [String: String], serviceAccount: String, cluster: String
    ) -> CiliumLabels {
        var k8s = labels
        for (key, value) in namespaceLabels { k8s["io.cilium.k8s.namespace.labels.\(key)"] = value }
        k8s["io.kubernetes.pod.namespace"] = namespace
        k8s["io.cilium.k8s.policy.serviceaccount"] = serviceAccount
        k8s["io.cilium.k8s.policy.cluster"] = cluster
        return CiliumLabels(["k8s": k8s])
    }

    /// `source:key` → (source, key); a key without a source is `any` (Cilium's `labels.ParseSelectLabel`).
    public static func split(_ key: String) -> (source: String, key: String) {
        guard let colon = key.firstIndex(of: ":") else { return ("any", key) }
        return (String(key[..<colon]), String(key[key.index(after: colon)...]))
    }

    /// The values of `key` (`source:key` or a bare key, which any source may hold).
    func values(of selectorKey: String) -> [String] {
        let (source, key) = Self.split(selectorKey)
        if source == "any" { return bySource.values.compactMap { $0[key] } }
        return bySource[source]?[key].map { [$0] } ?? []
    }

    public var isEmpty: Bool { bySource.values.allSatisfy(\.isEmpty) }
}
