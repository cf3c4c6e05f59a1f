/// A regular expression in RE2 syntax (what Hubble's server compiles), searched unanchored over
/// Unicode scalars. Syntax errors are reported in Go's words
/// (``error parsing regexp: missing closing ): `(` ``) so that a filter fails as the reference fails.
public struct FlowRegex: @unchecked Sendable, Hashable {
    public let pattern: String
    private let regex: Regex<AnyRegexOutput>

    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public var code: String
        public var expression: String
        public var description: String { "error parsing regexp: \(code): `\(expression)`" }
    }

    public init(_ pattern: String) throws(SyntaxError) {
        try Self.checkRE2Syntax(pattern)
        do {
            regex = try Regex(pattern).matchingSemantics(.unicodeScalar)
        } catch {
            throw SyntaxError(code: "invalid or unsupported Perl syntax", expression: pattern)
        }
        self.pattern = pattern
    }

    public func matches(_ text: String) -> Bool {
        (try? regex.firstMatch(in: text)) != nil
    }

    public static func == (a: FlowRegex, b: FlowRegex) -> Bool { a.pattern == b.pattern }
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }

    /// Whether the pattern uses only syntax whose meaning RE2 and this engine agree on: literals,
    /// classes, groups, alternation, repetition, anchors and the common escapes.
    public var isPortable: Bool {
        !pattern.contains("(?") && !pattern.contains("\\p") && !pattern.contains("\\P") && !pattern.contains("\\Q")
            && !pattern.contains("[[:")
    }

    /// `n`, `n,` or `n,m`.
    static func isRepeatCount(_ text: String) -> Bool {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts[0].isEmpty else { return false }
        return parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// The RE2 parse errors users meet: unbalanced groups and classes, dangling or doubled
    /// repetition, bad escapes and counts.
    static func checkRE2Syntax(_ pattern: String) throws(SyntaxError) {
        let s = Array(pattern.unicodeScalars)
        var depth = 0
        var i = 0
        var canRepeat = false
        var lastWasRepeat = false
        var lastRepeatText = ""
        func text(_ range: Range<Int>) -> String {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: s[range])
            return String(v)
        }
        while i < s.count {
            let c = s[i]
            switch c {
            case "\\":
                guard i + 1 < s.count else { throw SyntaxError(code: "trailing backslash at end of expression", expression: "") }
                let e = s[i + 1]
                let known: Set<Unicode.Scalar> = [
                    "a", "f", "t", "n", "r", "v", "d", "D", "s", "S", "w", "W", "b", "B", "A", "z", "p", "P", "Q", "E",
                    "x", "0", "1", "2", "3", "4", "5", "6", "7", "C",
                ]
                let isPunct = e.isASCII && !(("a"..."z").contains(e) || ("A"..."Z").contains(e) || ("0"..."9").contains(e))
                if !known.contains(e) && !isPunct {
                    throw SyntaxError(code: "invalid escape sequence", expression: text(i..<(i + 2)))
                }
                i += 2
                canRepeat = !(e == "b" || e == "B" || e == "A" || e == "z")
                lastWasRepeat = false
                continue
            case "[":
                var j = i + 1
                if j < s.count && s[j] == "^" { j += 1 }
                if j < s.count && s[j] == "]" { j += 1 }
                var closed = false
                while j < s.count {
                    if s[j] == "\\" { j += 2; continue }
                    if s[j] == "[" && j + 1 < s.count && s[j + 1] == ":" {
                        if let end = (j + 2..<s.count).first(where: { s[$0] == "]" && s[$0 - 1] == ":" }) { j = end + 1; continue }
                    }
                    if s[j] == "]" { closed = true; break }
                    j += 1
                }
                guard closed else { throw SyntaxError(code: "missing closing ]", expression: text(i..<s.count)) }
                i = j + 1
                canRepeat = true
                lastWasRepeat = false
                continue
            case "(":
                depth += 1
                canRepeat = false
                lastWasRepeat = false
                i += 1
                if i < s.count && s[i] == "?" { i += 1 }
                continue
            case ")":
                guard depth > 0 else { throw SyntaxError(code: "unexpected )", expression: pattern) }
                depth -= 1
                canRepeat = true
                lastWasRepeat = false
            case "|":
                canRepeat = false
                lastWasRepeat = false
            case "^", "$":
                canRepeat = true
                lastWasRepeat = false
            case "*", "+", "?", "{":
                var end = i + 1
                if c == "{" {
                    guard let close = (i + 1..<s.count).first(where: { s[$0] == "}" }),
                        Self.isRepeatCount(text((i + 1)..<close))
                    else {
                        // Not a repeat: a literal `{`.
                        canRepeat = true
                        lastWasRepeat = false
                        i += 1
                        continue
                    }
                    let counts = text((i + 1)..<close).split(separator: ",", omittingEmptySubsequences: false)
                    let low = Int(counts[0]) ?? 1001
                    let high = counts.count > 1 && !counts[1].isEmpty ? Int(counts[1]) ?? 1001 : low
                    if low > 1000 || high > 1000 || high < low {
                        throw SyntaxError(code: "invalid repeat count", expression: text(i..<(close + 1)))
                    }
                    end = close + 1
                }
                if end < s.count && s[end] == "?" { end += 1 }
                let op = text(i..<end)
                if lastWasRepeat {
                    throw SyntaxError(code: "invalid nested repetition operator", expression: lastRepeatText + op)
                }
                guard canRepeat else { throw SyntaxError(code: "missing argument to repetition operator", expression: op) }
                lastWasRepeat = true
                lastRepeatText = op
                i = end
                continue
            default:
                canRepeat = true
                lastWasRepeat = false
            }
            i += 1
        }
        if depth > 0 { throw SyntaxError(code: "missing closing )", expression: pattern) }
    }
}
