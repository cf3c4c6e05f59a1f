/// Parses RE2's syntax (Go's `regexp/syntax`, which Hubble's server compiles) into a `RegexNode`,
/// refusing what RE2 refuses with Go's words: a filter fails here as it fails on the server.
struct RegexParser {
    typealias SyntaxError = FlowRegex.SyntaxError

    let s: [Unicode.Scalar]
    var i = 0
    private var depth = 0
    /// The flags in force: `i` case-insensitive, `s` `.` matches `\n`, `m` multi-line `^`/`$`.
    var caseInsensitive = false
    private var dotNewline = false
    private var multiLine = false

    /// Nesting beyond this is refused, as RE2 refuses it.
    static let maximumDepth = 1000
    /// The largest repeat count RE2 accepts.
    static let maximumRepeat = 1000

    init(_ pattern: String) {
        s = Array(pattern.unicodeScalars)
    }

    static func parse(_ pattern: String) throws(SyntaxError) -> RegexNode {
        var parser = RegexParser(pattern)
        let node = try parser.parseAlternation()
        if parser.i < parser.s.count {
            // Only a ')' stops the top level.
            throw SyntaxError(code: "unexpected )", expression: pattern)
        }
        return node
    }

    func text(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: s[max(0, range.lowerBound)..<min(s.count, range.upperBound)])
        return String(view)
    }

    private var whole: String { text(0..<s.count) }

    private mutating func parseAlternation() throws(SyntaxError) -> RegexNode {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumDepth { throw SyntaxError(code: "expression nests too deeply", expression: whole) }
        var branches = [try parseConcatenation()]
        while i < s.count, s[i] == "|" {
            i += 1
            branches.append(try parseConcatenation())
        }
        return branches.count == 1 ? branches[0] : .alternate(branches)
    }

    private mutating func parseConcatenation() throws(SyntaxError) -> RegexNode {
        var items: [RegexNode] = []
        while i < s.count, s[i] != "|", s[i] != ")" {
            if let item = try parseRepetition() { items.append(item) }
        }
        return items.isEmpty ? .empty : items.count == 1 ? items[0] : .concat(items)
    }

    /// An atom and its repetition operators; nil for a flag group that only sets flags.
    private mutating func parseRepetition() throws(SyntaxError) -> RegexNode? {
        if let operatorText = repetitionOperator(at: i) {
            throw SyntaxError(code: "missing argument to repetition operator", expression: operatorText.text)
        }
        guard var atom = try parseAtom() else { return nil }
        var previous: String?
        while let op = repetitionOperator(at: i) {
            if let previous {
                throw SyntaxError(code: "invalid nested repetition operator", expression: previous + op.text)
            }
            if op.min > Self.maximumRepeat || (op.max.map { $0 > Self.maximumRepeat || $0 < op.min } ?? false) {
                throw SyntaxError(code: "invalid repeat count", expression: op.text)
            }
            i = op.end
            atom = .repetition(atom, min: op.min, max: op.max)
            previous = op.text
        }
        return atom
    }

    /// The repetition operator at `index` (`*`, `+?`, `{2,5}`), if one stands there.
    private func repetitionOperator(at index: Int) -> (text: String, min: Int, max: Int?, end: Int)? {
        guard index < s.count else { return nil }
        var end = index + 1
        var bounds: (Int, Int?)
        switch s[index] {
        case "*": bounds = (0, nil)
        case "+": bounds = (1, nil)
        case "?": bounds = (0, 1)
        case "{":
            guard let close = (index + 1..<s.count).first(where: { s[$0] == "}" }) else { return nil }
            let body = text((index + 1)..<close)
            guard FlowRegex.isRepeatCount(body) else { return nil }
            let parts = body.split(separator: ",", omittingEmptySubsequences: false)
            let low = Int(parts[0]) ?? Int.max
            let high: Int? = parts.count == 1 ? low : parts[1].isEmpty ? nil : Int(parts[1]) ?? Int.max
            bounds = (low, high)
            end = close + 1
        default: return nil
        }
        if end < s.count, s[end] == "?" { end += 1 }  // non-greedy: the same for a yes/no answer
        return (text(index..<end), bounds.0, bounds.1, end)
    }

    private mutating func parseAtom() throws(SyntaxError) -> RegexNode? {
        let c = s[i]
        switch c {
        case "(":
            return try parseGroup()
        case "[":
            return .set(try parseClass())
        case ".":
            i += 1
            return .any(newline: dotNewline)
        case "^":
            i += 1
            return .assertion(multiLine ? .beginLine : .beginText)
        case "$":
            i += 1
            return .assertion(multiLine ? .endLine : .endText)
        case "\\":
            return try parseEscape()
        default:
            i += 1
            return literal(c)
        }
    }

    func literal(_ c: Unicode.Scalar) -> RegexNode {
        var set = ScalarSet(c)
        if caseInsensitive { set.addCaseVariants() }
        return .set(set)
    }

    private mutating func parseGroup() throws(SyntaxError) -> RegexNode? {
        let open = i
        i += 1
        if i < s.count, s[i] == "?" {
            // (?P<name>…), (?<name>…): a named group.
            if i + 1 < s.count, s[i + 1] == "P" || s[i + 1] == "<" {
                let nameStart = s[i + 1] == "P" ? i + 2 : i + 1
                guard nameStart < s.count, s[nameStart] == "<",
                      let close = (nameStart + 1..<s.count).first(where: { s[$0] == ">" })
                else { throw SyntaxError(code: "invalid named capture", expression: text(open..<s.count)) }
                let name = text((nameStart + 1)..<close)
                guard !name.isEmpty, name.unicodeScalars.allSatisfy({ RegexAssertion.isWord($0) }) else {
                    throw SyntaxError(code: "invalid named capture", expression: text(open..<(close + 1)))
                }
                i = close + 1
                return try groupBody(open: open)
            }
            // Flags: (?i) (?s-m) (?i:…).
            var j = i + 1
            var enable = true
            var flags = (caseInsensitive, dotNewline, multiLine)
            var sawFlag = false
            while j < s.count {
                switch s[j] {
                case "i": flags.0 = enable; sawFlag = true
                case "s": flags.1 = enable; sawFlag = true
                case "m": flags.2 = enable; sawFlag = true
                case "U": sawFlag = true  // ungreedy: the same for a yes/no answer
                case "-":
                    guard enable else { throw SyntaxError(code: "invalid or unsupported Perl syntax", expression: text(open..<(j + 1))) }
                    enable = false
                    sawFlag = false
                case ")", ":":
                    // `(?:…)` is a group without flags; `(?)` and `(?i-)` are refused.
                    guard sawFlag || (s[j] == ":" && j == i + 1) else {
                        throw SyntaxError(code: "invalid or unsupported Perl syntax", expression: text(open..<(j + 1)))
                    }
                    if s[j] == ")" {
                        (caseInsensitive, dotNewline, multiLine) = flags
                        i = j + 1
                        return nil
                    }
                    let saved = (caseInsensitive, dotNewline, multiLine)
                    (caseInsensitive, dotNewline, multiLine) = flags
                    i = j + 1
                    let body = try groupBody(open: open)
                    (caseInsensitive, dotNewline, multiLine) = saved
                    return body
                default:
                    throw SyntaxError(code: "invalid or unsupported Perl syntax", expression: text(open..<(j + 1)))
                }
                j += 1
            }
            throw SyntaxError(code: "missing closing )", expression: whole)
        }
        return try groupBody(open: open)
    }

    /// The alternation inside a group, through its `)`; flags set inside end with it.
    private mutating func groupBody(open: Int) throws(SyntaxError) -> RegexNode {
        let saved = (caseInsensitive, dotNewline, multiLine)
        let inner = try parseAlternation()
        (caseInsensitive, dotNewline, multiLine) = saved
        guard i < s.count, s[i] == ")" else { throw SyntaxError(code: "missing closing )", expression: whole) }
        i += 1
        return inner
    }
}
