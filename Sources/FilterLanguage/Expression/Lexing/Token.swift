/// One token of a filter expression, with where it stands.
struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A bare word: a field name, a keyword, or a literal written without quotes (`echo`, `80`,
        /// `10.0.0.0/8`, `-5m`, `trace:to-endpoint`).
        case word(String)
        /// A double-quoted string, escapes resolved.
        case string(String)
        case op(ComparisonOperator)
        case not, and, or
        case leftParen, rightParen, leftBrace, rightBrace, comma, dotDot
        case end
    }

    var kind: Kind
    var range: SourceRange

    /// The word in lower case when it is one of the keywords (which are case-insensitive).
    var keyword: String? {
        guard case .word(let w) = kind else { return nil }
        let lower = w.lowercased()
        return ["and", "or", "not", "in", "has", "true", "false"].contains(lower) ? lower : nil
    }

    var isWordOrString: Bool {
        switch kind {
        case .word, .string: true
        default: false
        }
    }
}

/// The comparison operators.
public enum ComparisonOperator: String, Sendable, Hashable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case matches = "~"
    case notMatches = "!~"

    /// The operator with its operands swapped (`80 < port` is `port > 80`).
    var mirrored: ComparisonOperator {
        switch self {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: self
        }
    }

    var isOrdering: Bool { self == .less || self == .lessOrEqual || self == .greater || self == .greaterOrEqual }
}
