/// The workload a pod belongs to, read from its name when the flow does not say: Kubernetes names a
/// Deployment's pods `NAME-TEMPLATEHASH-SUFFIX`, a DaemonSet's or a Job's `NAME-SUFFIX` (five
/// characters of `bcdfghjklmnpqrstvwxz2456789`, the alphabet of `utilrand.String` in
/// k8s.io/apimachinery) and a StatefulSet's `NAME-ORDINAL`.
public enum WorkloadName {
    public static func of(pod name: String) -> String {
        var parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return name }
        if isSuffix(parts[parts.count - 1]) {
            parts.removeLast()
            // The ReplicaSet's pod-template hash: up to 10 characters of the same alphabet.
            if parts.count >= 2, isTemplateHash(parts[parts.count - 1]) { parts.removeLast() }
            return parts.joined(separator: "-")
        }
        if let last = parts.last, !last.isEmpty, last.allSatisfy(\.isASCII), last.allSatisfy(\.isNumber) {
            parts.removeLast()
            return parts.joined(separator: "-")
        }
        return name
    }

    static let alphabet = Set("bcdfghjklmnpqrstvwxz2456789")

    static func isSuffix(_ part: Substring) -> Bool {
        part.count == 5 && part.allSatisfy { alphabet.contains($0) }
    }

    static func isTemplateHash(_ part: Substring) -> Bool {
        (6...10).contains(part.count) && part.allSatisfy { alphabet.contains($0) }
    }
}
