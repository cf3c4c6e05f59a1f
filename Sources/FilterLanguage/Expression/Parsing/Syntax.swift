/// The parsed expression, before names and values are checked.
indirect enum Syntax: Sendable, Equatable {
    case and(Syntax, Syntax)
    case or(Syntax, Syntax)
    case not(Syntax, range: SourceRange)
    /// `has(field)`.
    case has(Word, range: SourceRange)
    /// `a op b`.
    case comparison(Operand, ComparisonOperator, Operand, range: SourceRange)
    /// `a in {…}`.
    case membership(Operand, [SetItem], range: SourceRange)
    /// A word standing alone: a boolean field (`reply`, `tcp.syn`) or the literals `true`/`false`.
    case bare(Word)
    /// A parenthesised expression, kept for its range.
    case group(Syntax, range: SourceRange)
    /// What could not be parsed (already diagnosed); it checks to nothing.
    case invalid(range: SourceRange)

    var range: SourceRange {
        switch self {
        case .and(let a, let b), .or(let a, let b): a.range.joined(b.range)
        case .not(_, let range), .group(_, let range), .has(_, let range), .comparison(_, _, _, let range), .membership(_, _, let range),
            .invalid(let range):
            range
        case .bare(let word): word.range
        }
    }
}

/// A word or string as written.
struct Word: Sendable, Equatable {
    var text: String
    var quoted: Bool
    var range: SourceRange
}

/// A side of a comparison: a word (a field or a bare literal, decided by the checker) or a string.
typealias Operand = Word

/// `80` or `8000..8080` in a set.
struct SetItem: Sendable, Equatable {
    var low: Word
    var high: Word?
    var range: SourceRange { high.map { low.range.joined($0.range) } ?? low.range }
}
