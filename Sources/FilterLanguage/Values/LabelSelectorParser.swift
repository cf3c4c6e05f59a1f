import FlowModel
import HubbleAPI

/// The Kubernetes label-selector grammar, with its error messages
/// (`unable to parse requirement: found '', expected: ',', ')' or identifier`).
struct LabelSelectorParser {
    enum Token: Equatable {
        case identifier(String)
        case doesNotExist, equals, doubleEquals, notEquals, greaterThan, lessThan
        case `in`, notIn, openParen, closeParen, comma, end

        var literal: String {
            switch self {
            case .identifier(let s): s
            case .doesNotExist: "!"
            case .equals: "="
            case .doubleEquals: "=="
            case .notEquals: "!="
            case .greaterThan: ">"
            case .lessThan: "<"
            case .in: "in"
            case .notIn: "notin"
            case .openParen: "("
            case .closeParen: ")"
            case .comma: ","
            case .end: ""
            }
        }
    }

    private var tokens: [Token] = []
    private var position = 0

    init(_ text: String) {
        tokens = Self.lex(text)
    }

    static func lex(_ text: String) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        let special: Set<Unicode.Scalar> = ["=", "!", "(", ")", ",", ">", "<"]
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                i += 1
                continue
            }
            if special.contains(c) {
                let next: Unicode.Scalar? = i + 1 < chars.count ? chars[i + 1] : nil
                switch (c, next) {
                case ("=", "="): tokens.append(.doubleEquals); i += 2
                case ("!", "="): tokens.append(.notEquals); i += 2
                case ("=", _): tokens.append(.equals); i += 1
                case ("!", _): tokens.append(.doesNotExist); i += 1
                case ("(", _): tokens.append(.openParen); i += 1
                case (")", _): tokens.append(.closeParen); i += 1
                case (",", _): tokens.append(.comma); i += 1
                case (">", _): tokens.append(.greaterThan); i += 1
                default: tokens.append(.lessThan); i += 1
                }
                continue
            }
            var word = String.UnicodeScalarView()
            while i < chars.count, !special.contains(chars[i]), !(chars[i] == " " || chars[i] == "\t" || chars[i] == "\n" || chars[i] == "\r") {
                word.append(chars[i])
                i += 1
            }
            tokens.append(.identifier(String(word)))
        }
        tokens.append(.end)
        return tokens
    }

    /// In operator position, `in` and `notin` are keywords; elsewhere they are identifiers.
    private func peek() -> Token { tokens[position] }
    private mutating func consume() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    typealias Failure = LabelSelector.SelectorError

    mutating func parse() throws(Failure) -> [LabelSelector.Requirement] {
        var requirements: [LabelSelector.Requirement] = []
        while true {
            switch peek() {
            case .identifier, .doesNotExist:
                do {
                    requirements.append(try parseRequirement())
                } catch {
                    throw Failure(description: "unable to parse requirement: \(error.description)")
                }
                let token = consume()
                switch token {
                case .end: return requirements
                case .comma:
                    switch peek() {
                    case .identifier, .doesNotExist: continue
                    default: throw Failure(description: "found '\(peek().literal)', expected: identifier after ','")
                    }
                default:
                    throw Failure(description: "found '\(token.literal)', expected: ',' or 'end of string'")
                }
            case .end:
                return requirements
            default:
                throw Failure(description: "found '\(peek().literal)', expected: !, identifier, or 'end of string'")
            }
        }
    }

    private mutating func parseRequirement() throws(Failure) -> LabelSelector.Requirement {
        var token = consume()
        var unary: LabelSelector.Operator? = nil
        if token == .doesNotExist {
            unary = .doesNotExist
            token = consume()
        }
        guard case .identifier(let key) = token else {
            throw Failure(description: "found '\(token.literal)', expected: identifier")
        }
        try Self.validate(key: key)
        if peek() == .end || peek() == .comma {
            return try .init(key: key, op: unary ?? .exists, values: [])
        }
        if unary != nil {
            // `!key` is unary: what follows it must end the requirement.
            return try .init(key: key, op: .doesNotExist, values: [])
        }
        let opToken = consume()
        let op: LabelSelector.Operator
        switch opToken {
        case .identifier("in"): op = .in
        case .identifier("notin"): op = .notIn
        case .equals, .doubleEquals: op = .equals
        case .notEquals: op = .notEquals
        case .greaterThan: op = .greaterThan
        case .lessThan: op = .lessThan
        default:
            throw Failure(description: "found '\(opToken.literal)', expected: in, notin, =, ==, !=, gt, lt")
        }
        let values = (op == .in || op == .notIn) ? try parseValues() : try parseExactValue()
        for value in values { try Self.validate(value: value) }
        return try .init(key: key, op: op, values: values)
    }

    private mutating func parseValues() throws(Failure) -> [String] {
        let open = consume()
        guard open == .openParen else { throw Failure(description: "found '\(open.literal)' expected: '('") }
        switch peek() {
        case .identifier, .comma:
            var values: [String] = []
            while true {
                let token = consume()
                switch token {
                case .identifier(let value):
                    values.append(value)
                    switch peek() {
                    case .comma: continue
                    case .closeParen:
                        _ = consume()
                        return values
                    default: throw Failure(description: "found '\(peek().literal)', expected: ',' or ')'")
                    }
                case .comma:
                    if values.isEmpty { values.append("") }
                    if peek() == .closeParen {
                        values.append("")
                        _ = consume()
                        return values
                    }
                    if peek() == .comma {
                        _ = consume()
                        values.append("")
                    }
                default:
                    throw Failure(description: "found '\(token.literal)', expected: ',', or identifier")
                }
            }
        case .closeParen:
            _ = consume()
            return [""]
        default:
            throw Failure(description: "found '\(peek().literal)', expected: ',', ')' or identifier")
        }
    }

    private mutating func parseExactValue() throws(Failure) -> [String] {
        if peek() == .end || peek() == .comma { return [""] }
        let token = consume()
        guard case .identifier(let value) = token else {
            throw Failure(description: "found '\(token.literal)', expected: identifier")
        }
        return [value]
    }

    private static func validate(key: String) throws(Failure) {
        let name = key.split(separator: "/").last.map(String.init) ?? key
        let allowed = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || $0 == "-" || $0 == "_" || $0 == "." || $0 == ":" || $0 == "$"
        }
        guard allowed, !name.isEmpty else {
            throw Failure(description: "key: Invalid value: \(GoQuote.quote(key)): name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character")
        }
    }

    private static func validate(value: String) throws(Failure) {
        let allowed = value.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || $0 == "-" || $0 == "_" || $0 == "."
        }
        guard allowed, value.unicodeScalars.count <= 63 else {
            throw Failure(description: "values[0][\(value)]: Invalid value: \(GoQuote.quote(value)): a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character")
        }
    }
}
