/// A Cilium endpoint selector: a label selector whose keys name a label source (`k8s:app`,
/// `reserved:host`) or none, which matches a label of that key from any source (Cilium's `any:`).
/// Endpoints carry Cilium's labels (`CiliumLabels`), not bare Kubernetes ones.
public struct EndpointSelector: Sendable, Hashable {
    public var matchLabels: [String: String]
    public var matchExpressions: [LabelSelectorSpec.Expression]

    public init(matchLabels: [String: String] = [:], matchExpressions: [LabelSelectorSpec.Expression] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    public init(_ spec: LabelSelectorSpec) {
        self.init(matchLabels: spec.matchLabels, matchExpressions: spec.matchExpressions)
    }

    /// Matches every endpoint with at least one label (Cilium's wildcard selector).
    public static let all = EndpointSelector()

    public var isEmpty: Bool { matchLabels.isEmpty && matchExpressions.isEmpty }

    /// Whether any requirement names `key` (with or without a source).
    public func constrains(_ key: String) -> Bool {
        matchLabels.keys.contains { CiliumLabels.split($0).key == key }
            || matchExpressions.contains { CiliumLabels.split($0.key).key == key }
    }

    public func matches(_ labels: CiliumLabels) -> Bool {
        for (key, value) in matchLabels where !labels.values(of: key).contains(value) { return false }
        for expression in matchExpressions {
            let values = labels.values(of: expression.key)
            switch expression.operator {
            case .in: guard values.contains(where: expression.values.contains) else { return false }
            case .notIn: if values.contains(where: expression.values.contains) { return false }
            case .exists: if values.isEmpty { return false }
            case .doesNotExist: if !values.isEmpty { return false }
            }
        }
        return true
    }
}
