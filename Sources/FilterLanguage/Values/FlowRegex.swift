/// A regular expression in RE2 syntax (what Hubble's server compiles, with Go's `regexp`), searched
/// unanchored over Unicode scalars in time linear in the text: the pattern is parsed as RE2 parses it
/// and run as an automaton (`RegexProgram`, `RegexMachine`), never by backtracking, so no pattern
/// can stall a filter (`^(.|.)+!$` over a long URL costs what `!` does). Syntax errors are reported in
/// Go's words (``error parsing regexp: missing closing ): `(` ``) so that a filter fails as the
/// reference fails. Unicode scripts (`\p{Greek}`) are refused; general categories (`\pL`) work.
public struct FlowRegex: Sendable, Hashable {
    public let pattern: String
    private let program: RegexProgram

    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public var code: String
        public var expression: String
        public var description: String { "error parsing regexp: \(code): `\(expression)`" }
    }

    /// The longest pattern accepted, in scalars; RE2 refuses large programs too.
    public static let maximumLength = 65_536

    public init(_ pattern: String) throws(SyntaxError) {
        guard pattern.unicodeScalars.count <= Self.maximumLength else {
            throw SyntaxError(code: "expression too large", expression: String(pattern.prefix(32)) + "…")
        }
        let node = try RegexParser.parse(pattern)
        do {
            program = try RegexProgram(node)
        } catch {
            throw SyntaxError(code: "expression too large", expression: pattern.count > 64 ? String(pattern.prefix(64)) + "…" : pattern)
        }
        self.pattern = pattern
    }

    public func matches(_ text: String) -> Bool {
        RegexMachine(program: program).matches(text)
    }

    /// `matches(_:)` and the work it took: threads advanced, at most `(text length + 1) × programSize`.
    public func matches(_ text: String, steps: inout Int) -> Bool {
        RegexMachine(program: program).matches(text, steps: &steps)
    }

    /// The compiled program's instructions (at most `RegexProgram.maximumSize`).
    public var programSize: Int { program.instructions.count }

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
}
