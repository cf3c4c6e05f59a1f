/// A Kubernetes label selector as manifests write it: `matchLabels` and `matchExpressions`, all of
/// which must hold. An empty selector matches everything.
public struct LabelSelectorSpec: Sendable, Hashable {
    public var matchLabels: [String: String]
    public var matchExpressions: [Expression]

    public init(matchLabels: [String: String] = [:], matchExpressions: [Expression] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    public struct Expression: Sendable, Hashable {
        public enum Operator: String, Sendable, Hashable, CaseIterable {
            case `in` = "In"
            case notIn = "NotIn"
            case exists = "Exists"
            case doesNotExist = "DoesNotExist"
        }

        public var key: String
        public var `operator`: Operator
        public var values: [String]

        public init(key: String, operator: Operator, values: [String] = []) {
            self.key = key
            self.operator = `operator`
            self.values = values
        }
    }

    public var isEmpty: Bool { matchLabels.isEmpty && matchExpressions.isEmpty }

    public func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels where labels[key] != value { return false }
        for expression in matchExpressions {
            let value = labels[expression.key]
            switch expression.operator {
            case .in: guard let value, expression.values.contains(value) else { return false }
            case .notIn: if let value, expression.values.contains(value) { return false }
            case .exists: if value == nil { return false }
            case .doesNotExist: if value != nil { return false }
            }
        }
        return true
    }
}
