/// Escapes (`\d`, `\x{263a}`, `\pL`, `\Q…\E`) and bracketed classes (`[^a-z[:digit:]]`).
extension RegexParser {
    /// `\d`, `\s`, `\w` and their upper-case complements, as RE2 defines them (ASCII only).
    static func perlClass(_ letter: Unicode.Scalar) -> ScalarSet? {
        var set = ScalarSet()
        switch letter {
        case "d", "D": set.add(0x30...0x39)
        case "s", "S":
            for c: Unicode.Scalar in ["\t", "\n", "\u{0C}", "\r", " "] { set.add(c.value...c.value) }
        case "w", "W":
            set.add(0x30...0x39)
            set.add(0x41...0x5A)
            set.add(0x61...0x7A)
            set.add(0x5F...0x5F)
        default: return nil
        }
        return letter.properties.isUppercase ? set.inverted() : set
    }

    /// The POSIX classes RE2 knows inside brackets (`[:alpha:]`).
    static func posixClass(_ name: String) -> ScalarSet? {
        var set = ScalarSet()
        func add(_ ranges: ClosedRange<UInt32>...) { for range in ranges { set.add(range) } }
        switch name {
        case "alnum": add(0x30...0x39, 0x41...0x5A, 0x61...0x7A)
        case "alpha": add(0x41...0x5A, 0x61...0x7A)
        case "ascii": add(0x00...0x7F)
        case "blank": add(0x09...0x09, 0x20...0x20)
        case "cntrl": add(0x00...0x1F, 0x7F...0x7F)
        case "digit": add(0x30...0x39)
        case "graph": add(0x21...0x7E)
        case "lower": add(0x61...0x7A)
        case "print": add(0x20...0x7E)
        case "punct": add(0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E)
        case "space": add(0x09...0x0D, 0x20...0x20)
        case "upper": add(0x41...0x5A)
        case "word": add(0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F...0x5F)
        case "xdigit": add(0x30...0x39, 0x41...0x46, 0x61...0x66)
        default: return nil
        }
        return set
    }

    /// An escape outside brackets: a class, an assertion, a literal, or `\Q…\E`.
    mutating func parseEscape() throws(SyntaxError) -> RegexNode {
        guard i + 1 < s.count else { throw SyntaxError(code: "trailing backslash at end of expression", expression: "") }
        let e = s[i + 1]
        switch e {
        case "A": i += 2; return .assertion(.beginText)
        case "z": i += 2; return .assertion(.endText)
        case "b": i += 2; return .assertion(.wordBoundary)
        case "B": i += 2; return .assertion(.notWordBoundary)
        case "C": i += 2; return .any(newline: true)
        case "Q":
            // Literal text up to \E (or the end).
            var j = i + 2
            var items: [RegexNode] = []
            while j < s.count {
                if s[j] == "\\", j + 1 < s.count, s[j + 1] == "E" {
                    j += 2
                    break
                }
                items.append(literal(s[j]))
                j += 1
            }
            i = j
            return items.isEmpty ? .empty : .concat(items)
        default:
            var set = try parseClassEscape()
            if caseInsensitive { set.addCaseVariants() }
            return .set(set)
        }
    }

    /// An escape that stands for a set of scalars (`\d`, `\pL`, `\x41`, `\.`); `i` at its `\`.
    mutating func parseClassEscape() throws(SyntaxError) -> ScalarSet {
        let start = i
        guard i + 1 < s.count else { throw SyntaxError(code: "trailing backslash at end of expression", expression: "") }
        let e = s[i + 1]
        i += 2
        if let set = Self.perlClass(e) { return set }
        switch e {
        case "a": return ScalarSet("\u{07}")
        case "f": return ScalarSet("\u{0C}")
        case "t": return ScalarSet("\t")
        case "n": return ScalarSet("\n")
        case "r": return ScalarSet("\r")
        case "v": return ScalarSet("\u{0B}")
        case "0"..."7":
            // Octal: \0 and up to two more digits, or two or three digits; \1 alone would be a
            // backreference, which RE2 does not have.
            if e != "0", !(i < s.count && ("0"..."7").contains(s[i])) {
                throw SyntaxError(code: "invalid escape sequence", expression: text(start..<i))
            }
            var value = e.value - 0x30
            var count = 1
            while count < 3, i < s.count, ("0"..."7").contains(s[i]) {
                value = value * 8 + (s[i].value - 0x30)
                i += 1
                count += 1
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw SyntaxError(code: "invalid escape sequence", expression: text(start..<i))
            }
            return ScalarSet(scalar)
        case "x":
            var digits = ""
            if let braced = try bracedArgument(from: start, missing: "invalid escape sequence") {
                digits = braced
            } else {
                guard i + 1 < s.count else { throw SyntaxError(code: "invalid escape sequence", expression: text(start..<s.count)) }
                digits = text(i..<(i + 2))
                i += 2
            }
            guard !digits.isEmpty, digits.count <= 8, let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else {
                throw SyntaxError(code: "invalid escape sequence", expression: text(start..<i))
            }
            return ScalarSet(scalar)
        case "p", "P":
            var name = ""
            if let braced = try bracedArgument(from: start, missing: "invalid character class range") {
                name = braced
            } else if i < s.count {
                name = text(i..<(i + 1))
                i += 1
            }
            var negate = e == "P"
            if name.hasPrefix("^") {
                negate.toggle()
                name.removeFirst()
            }
            var set = ScalarSet()
            if name == "Any" {
                set.add(0...0x10FFFF)
                return negate ? set.inverted() : set
            }
            // Scripts (\p{Greek}) are not known here: refused rather than matched wrongly.
            guard let category = CategoryGroup(name) else {
                throw SyntaxError(code: "invalid character class range", expression: text(start..<i))
            }
            set.add(category, excluded: negate)
            return set
        default:
            let isPunctuation = e.isASCII && !RegexAssertion.isWord(e)
            guard isPunctuation else { throw SyntaxError(code: "invalid escape sequence", expression: text(start..<i)) }
            return ScalarSet(e)
        }
    }

    /// `{…}` after an escape (`\x{263a}`, `\p{Greek}`), `i` past it; nil when no `{` stands at `i`.
    /// An unclosed brace is `missing`, quoting the escape from `start`.
    private mutating func bracedArgument(from start: Int, missing: String) throws(SyntaxError) -> String? {
        guard i < s.count, s[i] == "{" else { return nil }
        guard let close = (i + 1..<s.count).first(where: { s[$0] == "}" }) else {
            throw SyntaxError(code: missing, expression: text(start..<s.count))
        }
        defer { i = close + 1 }
        return text((i + 1)..<close)
    }

    /// A bracketed class; `i` at its `[`.
    mutating func parseClass() throws(SyntaxError) -> ScalarSet {
        let start = i
        i += 1
        var negate = false
        if i < s.count, s[i] == "^" {
            negate = true
            i += 1
        }
        var set = ScalarSet()
        var first = true
        while i < s.count, s[i] != "]" || first {
            first = false
            // [:alpha:] and [:^alpha:]
            if s[i] == "[", i + 1 < s.count, s[i + 1] == ":",
               let close = (i + 2..<s.count).first(where: { s[$0] == "]" && s[$0 - 1] == ":" && $0 > i + 2 })
            {
                var name = text((i + 2)..<(close - 1))
                let negated = name.hasPrefix("^")
                if negated { name.removeFirst() }
                guard let posix = Self.posixClass(name) else {
                    throw SyntaxError(code: "invalid character class range", expression: text(i..<(close + 1)))
                }
                set.add(negated ? posix.inverted() : posix)
                i = close + 1
                continue
            }
            let lowStart = i
            let low = try classMember()
            guard case .scalar(let lowScalar) = low else {
                if case .set(let members) = low { set.add(members) }
                continue
            }
            // A range a-z (a '-' before ']' is a literal).
            if i + 1 < s.count, s[i] == "-", s[i + 1] != "]" {
                i += 1
                let high = try classMember()
                guard case .scalar(let highScalar) = high, highScalar.value >= lowScalar.value else {
                    throw SyntaxError(code: "invalid character class range", expression: text(lowStart..<i))
                }
                set.add(lowScalar.value...highScalar.value)
            } else {
                set.add(lowScalar.value...lowScalar.value)
            }
        }
        guard i < s.count else { throw SyntaxError(code: "missing closing ]", expression: text(start..<s.count)) }
        i += 1
        if caseInsensitive { set.addCaseVariants() }
        return negate ? set.inverted() : set
    }

    enum ClassMember {
        case scalar(Unicode.Scalar)
        case set(ScalarSet)
    }

    /// One member of a class: a scalar (which may start a range) or an escaped class.
    private mutating func classMember() throws(SyntaxError) -> ClassMember {
        guard s[i] == "\\" else {
            i += 1
            return .scalar(s[i - 1])
        }
        guard i + 1 < s.count else { throw SyntaxError(code: "trailing backslash at end of expression", expression: "") }
        let e = s[i + 1]
        if Self.perlClass(e) != nil || e == "p" || e == "P" { return .set(try parseClassEscape()) }
        let set = try parseClassEscape()
        // A single-scalar escape (\n, \x41, \.) can bound a range.
        if set.ranges.count == 1, set.ranges[0].count == 1, let scalar = Unicode.Scalar(set.ranges[0].lowerBound) {
            return .scalar(scalar)
        }
        return .set(set)
    }
}
