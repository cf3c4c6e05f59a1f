/// Recursive descent over the grammar of `filters.md`. `not` binds tightest, then `and`, then `or`.
/// After an error the parser skips to the next `and`, `or`, `)` or the end and goes on, so one run
/// reports every independent mistake; `clauseStarts` lets the caller keep the first of each clause,
/// so that nothing caused by an earlier mistake is reported.
struct Parser {
    private let tokens: [Token]
    private var position = 0
    /// How deep parentheses and `not` nest; past `maximumDepth` the parser refuses rather than
    /// exhaust the stack.
    private var depth = 0
    static let maximumDepth = 200
    private(set) var abandoned = false
    private(set) var diagnostics: [Diagnostic] = []

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// The syntax (nil when nothing can be checked), every problem found, and where each clause
    /// starts: the position after each `and` and `or`, in order.
    static func parse(_ source: SourceText) -> (syntax: Syntax?, diagnostics: [Diagnostic], clauseStarts: [Int]) {
        var lexer = Lexer(source)
        let tokens = lexer.tokenize()
        let clauseStarts = tokens.compactMap { token -> Int? in
            token.kind == .and || token.kind == .or || token.keyword == "and" || token.keyword == "or" ? token.range.upper : nil
        }
        var parser = Parser(tokens: tokens)
        if tokens.count == 1 {
            return (nil, lexer.diagnostics + [Diagnostic("empty expression", at: SourceRange(0, 0), note: "write a condition such as 'verdict == DROPPED'")], [])
        }
        let syntax = parser.parseExpression()
        while parser.current.kind != .end && !parser.abandoned {
            // Something the expression cannot continue with: say so once, then read the next clause.
            let token = parser.current
            parser.diagnostics.append(Diagnostic("unexpected \(describe(token))", at: token.range, note: note(after: token)))
            while parser.current.kind != .end && !parser.atAnd && !parser.atOr { parser.advance() }
            if parser.current.kind != .end {
                parser.advance()
                _ = parser.parseExpression()
            }
        }
        if parser.abandoned {
            // The rest of what was parsed is unwound, not wrong: report the nesting alone.
            return (nil, parser.diagnostics.filter { $0.message.hasPrefix("the expression nests") }, [])
        }
        let all = (lexer.diagnostics + parser.diagnostics).sorted { $0.range.lower < $1.range.lower }
        return (syntax, all, clauseStarts)
    }

    private static func note(after token: Token) -> String? {
        token.kind == .rightParen ? "this ')' has no matching '('" : "join conditions with 'and' or 'or'"
    }

    private var current: Token { tokens[position] }
    private var peekNext: Token { tokens[min(position + 1, tokens.count - 1)] }
    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    private var atOr: Bool { current.kind == .or || current.keyword == "or" }
    private var atAnd: Bool { current.kind == .and || current.keyword == "and" }
    private var atNot: Bool { current.kind == .not || current.keyword == "not" }

    mutating func parseExpression() -> Syntax {
        var left = parseAnd()
        while atOr {
            advance()
            left = .or(left, parseAnd())
        }
        return left
    }

    private mutating func parseAnd() -> Syntax {
        var left = parseUnary()
        while true {
            if atAnd {
                advance()
                left = .and(left, parseUnary())
            } else if startsCondition(current) {
                // Two conditions side by side: say so, and read on as if `and` stood between them.
                diagnostics.append(Diagnostic(
                    "expected 'and' or 'or' before \(Self.describe(current))", at: current.range,
                    note: "join conditions with 'and' or 'or'"))
                left = .and(left, parseUnary())
            } else {
                return left
            }
        }
    }

    private func startsCondition(_ token: Token) -> Bool {
        switch token.kind {
        case .word, .string, .leftParen, .not: token.keyword == nil || token.keyword == "not" || token.keyword == "has"
        default: false
        }
    }

    private mutating func parseUnary() -> Syntax {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumDepth {
            let start = current.range
            diagnostics.append(Diagnostic(
                "the expression nests more than \(Self.maximumDepth) levels deep", at: start,
                note: "remove redundant parentheses and double negations"))
            abandoned = true
            while current.kind != .end { advance() }
            return .invalid(range: start)
        }
        if atNot {
            let start = current.range
            advance()
            let operand = parseUnary()
            return .not(operand, range: start.joined(operand.range))
        }
        return parsePrimary()
    }

    private mutating func parsePrimary() -> Syntax {
        let token = current
        switch token.kind {
        case .leftParen:
            advance()
            let inner = parseExpression()
            if current.kind == .rightParen {
                let close = current.range
                advance()
                return .group(inner, range: token.range.joined(close))
            }
            diagnostics.append(Diagnostic("missing ')'", at: token.range, note: "this '(' is not closed"))
            return inner
        case .word where token.keyword == "has":
            return parseHas()
        case .word, .string:
            return parseComparison()
        default:
            diagnostics.append(Diagnostic(
                "expected a condition, found \(Self.describe(token))", at: token.range,
                note: "a condition compares a field: 'verdict == DROPPED', 'dst.port in {80, 443}'"))
            return recover(from: token.range)
        }
    }

    private mutating func parseHas() -> Syntax {
        let start = current.range
        advance()
        guard current.kind == .leftParen else {
            diagnostics.append(Diagnostic("expected '(' after 'has'", at: current.range, note: "write has(field)"))
            return recover(from: start)
        }
        advance()
        guard case .word(let name) = current.kind else {
            diagnostics.append(Diagnostic("expected a field name in has(…)", at: current.range, note: "write has(dst.port)"))
            return recover(from: start)
        }
        let word = Word(text: name, quoted: false, range: current.range)
        advance()
        guard current.kind == .rightParen else {
            diagnostics.append(Diagnostic("missing ')'", at: current.range, note: "write has(\(name))"))
            return recover(from: start)
        }
        let end = current.range
        advance()
        return .has(word, range: start.joined(end))
    }

    private mutating func parseComparison() -> Syntax {
        let left = word(current)
        advance()
        if case .op(let op) = current.kind {
            advance()
            guard current.isWordOrString, current.keyword == nil || current.keyword == "true" || current.keyword == "false" else {
                diagnostics.append(Diagnostic(
                    "expected a value after '\(op.rawValue)', found \(Self.describe(current))", at: current.range,
                    note: "compare with a value or another field: \(left.text) \(op.rawValue) …"))
                return recover(from: left.range)
            }
            let right = word(current)
            advance()
            if current.kind == .comma { return listAfterComparison(left, op, first: right) }
            return .comparison(left, op, right, range: left.range.joined(right.range))
        }
        if current.keyword == "in" {
            advance()
            return parseSet(left, negatedAt: nil)
        }
        if current.keyword == "not" && peekNext.keyword == "in" {
            let notRange = current.range
            advance()
            advance()
            let set = parseSet(left, negatedAt: notRange)
            return .not(set, range: set.range)
        }
        return .bare(left)
    }

    /// `dst.port == 80,443`: one comparison given several values; the fix is a set.
    private mutating func listAfterComparison(_ left: Word, _ op: ComparisonOperator, first: Word) -> Syntax {
        var values = [source(of: first)]
        var end = first.range
        while current.kind == .comma {
            end = current.range
            advance()
            guard current.isWordOrString, current.keyword == nil else { break }
            values.append(source(of: word(current)))
            end = current.range
            advance()
        }
        let set = "{\(values.joined(separator: ", "))}"
        let fix: String
        switch op {
        case .equal: fix = "to match any of them, write a set: \(left.text) in \(set)"
        case .notEqual: fix = "to match none of them, write a set: \(left.text) not in \(set)"
        default: fix = "compare with one value, or join comparisons with 'and' or 'or'"
        }
        diagnostics.append(Diagnostic("'\(op.rawValue)' compares with one value, not a list", at: first.range.joined(end), note: fix))
        return .invalid(range: left.range.joined(end))
    }

    /// `dst.port in (80, 443)`: a set written in parentheses; skipped through its ')'.
    private mutating func parenthesizedSet(_ left: Word, negated: Bool) -> Syntax {
        let open = current.range
        var values: [String] = []
        var depth = 0
        var end = open
        repeat {
            switch current.kind {
            case .leftParen: depth += 1
            case .rightParen: depth -= 1
            case .word, .string: values.append(source(of: word(current)))
            default: break
            }
            end = current.range
            advance()
        } while depth > 0 && current.kind != .end
        diagnostics.append(Diagnostic(
            "a set is written in braces, not parentheses", at: open.joined(end),
            note: "write \(left.text)\(negated ? " not" : "") in {\(values.joined(separator: ", "))}"))
        return .invalid(range: left.range.joined(end))
    }

    /// A value as written: a string keeps its quotes.
    private func source(of word: Word) -> String {
        guard word.quoted else { return word.text }
        var quoted = "\""
        for character in word.text {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    private mutating func parseSet(_ left: Word, negatedAt: SourceRange?) -> Syntax {
        if current.kind == .leftParen { return parenthesizedSet(left, negated: negatedAt != nil) }
        guard current.kind == .leftBrace else {
            diagnostics.append(Diagnostic(
                "expected '{' after 'in', found \(Self.describe(current))", at: current.range,
                note: "write a set: \(left.text) in {a, b, c}"))
            return recover(from: left.range)
        }
        let open = current.range
        advance()
        var items: [SetItem] = []
        while true {
            guard current.isWordOrString, current.keyword == nil || current.keyword == "true" || current.keyword == "false" else {
                diagnostics.append(Diagnostic(
                    "expected a value in the set, found \(Self.describe(current))", at: current.range,
                    note: "write the values between braces: {80, 443, 8000..8080}"))
                return recover(from: left.range)
            }
            var item = SetItem(low: word(current), high: nil)
            advance()
            if current.kind == .dotDot {
                advance()
                guard current.isWordOrString else {
                    diagnostics.append(Diagnostic(
                        "expected the end of the range after '..'", at: current.range, note: "write a range as low..high"))
                    return recover(from: left.range)
                }
                item.high = word(current)
                advance()
            }
            items.append(item)
            if current.kind == .comma {
                advance()
                continue
            }
            if current.kind == .rightBrace {
                let close = current.range
                advance()
                return .membership(left, items, range: left.range.joined(close))
            }
            diagnostics.append(Diagnostic(
                "expected ',' or '}' in the set, found \(Self.describe(current))", at: current.range,
                note: "the set opened here is not closed"))
            _ = open
            return recover(from: left.range)
        }
    }

    /// Skips to the next token a condition can end at.
    private mutating func recover(from start: SourceRange) -> Syntax {
        var end = start
        while current.kind != .end && current.kind != .rightParen && !atAnd && !atOr {
            end = current.range
            advance()
        }
        return .invalid(range: start.joined(end))
    }

    private func word(_ token: Token) -> Word {
        switch token.kind {
        case .word(let text): Word(text: text, quoted: false, range: token.range)
        case .string(let text): Word(text: text, quoted: true, range: token.range)
        default: Word(text: "", quoted: false, range: token.range)
        }
    }

    static func describe(_ token: Token) -> String {
        switch token.kind {
        case .word(let w): "'\(w)'"
        case .string(let s): "\"\(s)\""
        case .op(let op): "'\(op.rawValue)'"
        case .not: "'!'"
        case .and: "'&&'"
        case .or: "'||'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .leftBrace: "'{'"
        case .rightBrace: "'}'"
        case .comma: "','"
        case .dotDot: "'..'"
        case .end: "the end of the expression"
        }
    }
}
