/// A regular expression in RE2's syntax, parsed: what `RegexProgram` compiles.
indirect enum RegexNode: Sendable {
    case empty
    case set(ScalarSet)
    /// `.`: any scalar, with or without `\n` (`(?s)`).
    case any(newline: Bool)
    case concat([RegexNode])
    case alternate([RegexNode])
    /// `x*`, `x+`, `x?`, `x{n,m}`; `max` nil is unbounded.
    case repetition(RegexNode, min: Int, max: Int?)
    case assertion(RegexAssertion)
}

/// The zero-width conditions: `^`, `$` (of the text, or of a line with `(?m)`), `\A`, `\z`, `\b`, `\B`.
enum RegexAssertion: Sendable, Hashable {
    case beginText, endText, beginLine, endLine, wordBoundary, notWordBoundary

    /// Whether it holds between `previous` and `next` (nil at the ends of the text).
    func holds(previous: Unicode.Scalar?, next: Unicode.Scalar?) -> Bool {
        switch self {
        case .beginText: return previous == nil
        case .endText: return next == nil
        case .beginLine: return previous == nil || previous == "\n"
        case .endLine: return next == nil || next == "\n"
        case .wordBoundary: return Self.isWord(previous) != Self.isWord(next)
        case .notWordBoundary: return Self.isWord(previous) == Self.isWord(next)
        }
    }

    /// RE2's word characters: ASCII letters, digits and `_`.
    static func isWord(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar, scalar.isASCII else { return false }
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_": return true
        default: return false
        }
    }
}
