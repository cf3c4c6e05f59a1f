/// Splits an expression into tokens. Problems (an unterminated string, a stray character) become
/// diagnostics and lexing goes on, so that the parser can report more than one.
struct Lexer {
    let source: SourceText
    private(set) var diagnostics: [Diagnostic] = []

    init(_ source: SourceText) {
        self.source = source
    }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a"..."z", "A"..."Z", "0"..."9", "_", ".", ":", "/", "*", "+", "-", "%":
            return true
        default:
            return c.value >= 0x80 && !c.properties.isWhitespace
        }
    }

    mutating func tokenize() -> [Token] {
        let s = source.scalars
        var tokens: [Token] = []
        var i = 0
        func add(_ kind: Token.Kind, _ start: Int, _ end: Int) { tokens.append(Token(kind: kind, range: SourceRange(start, end))) }
        while i < s.count {
            let c = s[i]
            let next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
            if c.properties.isWhitespace {
                i += 1
                continue
            }
            switch (c, next) {
            case ("=", "="): add(.op(.equal), i, i + 2); i += 2
            case ("!", "="): add(.op(.notEqual), i, i + 2); i += 2
            case ("!", "~"): add(.op(.notMatches), i, i + 2); i += 2
            case ("<", "="): add(.op(.lessOrEqual), i, i + 2); i += 2
            case (">", "="): add(.op(.greaterOrEqual), i, i + 2); i += 2
            case ("&", "&"): add(.and, i, i + 2); i += 2
            case ("|", "|"): add(.or, i, i + 2); i += 2
            case ("<", _): add(.op(.less), i, i + 1); i += 1
            case (">", _): add(.op(.greater), i, i + 1); i += 1
            case ("~", _): add(.op(.matches), i, i + 1); i += 1
            case ("!", _): add(.not, i, i + 1); i += 1
            case ("(", _): add(.leftParen, i, i + 1); i += 1
            case (")", _): add(.rightParen, i, i + 1); i += 1
            case ("{", _): add(.leftBrace, i, i + 1); i += 1
            case ("}", _): add(.rightBrace, i, i + 1); i += 1
            case (",", _): add(.comma, i, i + 1); i += 1
            case ("=", _):
                diagnostics.append(Diagnostic("'=' is not an operator", at: SourceRange(i, i + 1), note: "use '==' to compare"))
                add(.op(.equal), i, i + 1)
                i += 1
            case ("&", _), ("|", _):
                let word = c == "&" ? "and" : "or"
                diagnostics.append(Diagnostic(
                    "'\(c)' is not an operator", at: SourceRange(i, i + 1), note: "use '\(c)\(c)' or '\(word)'"))
                add(c == "&" ? .and : .or, i, i + 1)
                i += 1
            case ("\"", _), ("'", _):
                i = lexString(from: i, quote: c, into: &tokens)
            case (".", "."):
                add(.dotDot, i, i + 2)
                i += 2
            default:
                guard Self.isWordScalar(c) else {
                    // A run of stray characters is one problem.
                    var end = i + 1
                    while end < s.count, !Self.isWordScalar(s[end]), !s[end].properties.isWhitespace, !Self.isPunctuation(s[end]) { end += 1 }
                    let shown = end - i == 1 ? "character '\(c)'" : "characters '\(source[SourceRange(i, end)])'"
                    diagnostics.append(Diagnostic(
                        "unexpected \(shown)", at: SourceRange(i, end),
                        note: "put values that hold it in double quotes"))
                    i = end
                    continue
                }
                var end = i
                while end < s.count, Self.isWordScalar(s[end]) { end += 1 }
                if let value = valueHoldingEquals(from: i, end: end, after: tokens.last) {
                    // `label == app=curl`: the value holds '=' and wants quotes, not a second operator.
                    var fix = "\"\(source[SourceRange(i, value)])\""
                    if tokens.count >= 2, case .word(let field) = tokens[tokens.count - 2].kind, case .op(let op) = tokens[tokens.count - 1].kind {
                        fix = "\(field) \(op.rawValue) " + fix
                    }
                    diagnostics.append(Diagnostic(
                        "a value holding '=' must be quoted", at: SourceRange(i, value), note: "write \(fix)"))
                    add(.word(source[SourceRange(i, value)]), i, value)
                    i = value
                    continue
                }
                splitRanges(from: i, to: end, into: &tokens)
                i = end
            }
        }
        add(.end, s.count, s.count)
        return tokens
    }

    /// The characters that are tokens of their own.
    static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        "=!<>~&|(){},\"'".unicodeScalars.contains(c)
    }

    /// Where a value written `key=value` right after a comparison operator ends (`app=curl` in
    /// `label == app=curl`), or nil when the word at `start..<end` is not one.
    private func valueHoldingEquals(from start: Int, end: Int, after previous: Token?) -> Int? {
        let s = source.scalars
        guard case .op? = previous?.kind, end + 1 < s.count, s[end] == "=", s[end + 1] != "=",
              Self.isWordScalar(s[end + 1]) else { return nil }
        var i = end
        while i < s.count, Self.isWordScalar(s[i]) || (s[i] == "=" && i + 1 < s.count && s[i + 1] != "=") { i += 1 }
        return i
    }

    /// A word holding `..` is a range: `8000..8080` becomes `8000`, `..`, `8080`.
    private func splitRanges(from start: Int, to end: Int, into tokens: inout [Token]) {
        let s = source.scalars
        var wordStart = start
        var i = start
        while i < end {
            if i + 1 < end, s[i] == ".", s[i + 1] == "." {
                if i > wordStart { tokens.append(Token(kind: .word(source[SourceRange(wordStart, i)]), range: SourceRange(wordStart, i))) }
                tokens.append(Token(kind: .dotDot, range: SourceRange(i, i + 2)))
                i += 2
                wordStart = i
                continue
            }
            i += 1
        }
        if end > wordStart { tokens.append(Token(kind: .word(source[SourceRange(wordStart, end)]), range: SourceRange(wordStart, end))) }
    }

    /// A string in double or single quotes (a shell user's habit: `ns == 'echo'`): the quote and
    /// `\\` are escaped with a backslash; any other backslash stays, so regular expressions keep
    /// theirs (`"\.internal\.$"`).
    private mutating func lexString(from start: Int, quote: Unicode.Scalar, into tokens: inout [Token]) -> Int {
        let s = source.scalars
        var value = String.UnicodeScalarView()
        var i = start + 1
        while i < s.count {
            let c = s[i]
            if c == quote {
                tokens.append(Token(kind: .string(String(value)), range: SourceRange(start, i + 1)))
                return i + 1
            }
            if c == "\\", i + 1 < s.count, s[i + 1] == quote || s[i + 1] == "\\" {
                value.append(s[i + 1])
                i += 2
                continue
            }
            value.append(c)
            i += 1
        }
        diagnostics.append(Diagnostic(
            "unterminated string", at: SourceRange(start, s.count), note: quote == "'" ? "close it with \"'\"" : "close it with '\"'"))
        tokens.append(Token(kind: .string(String(value)), range: SourceRange(start, s.count)))
        return s.count
    }
}
