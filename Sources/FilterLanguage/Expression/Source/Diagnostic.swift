/// A problem found in an expression: what is wrong, where, and how to fix it.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var range: SourceRange
    /// A suggestion (`did you mean 'dst.port'?`) or the valid values.
    public var note: String?

    public init(_ message: String, at range: SourceRange, note: String? = nil) {
        self.message = message
        self.range = range
        self.note = note
    }

    public var description: String { "\(range.lower): \(message)" }

    /// The diagnostic as a user sees it: the message, the expression, a caret under the problem.
    ///
    ///     error: unknown field 'dst.prot'
    ///       dst.prot == 80
    ///       ^~~~~~~~
    ///       did you mean 'dst.port'?
    ///
    /// An expression longer than `lineWidth` is shown as a window around the problem, with `…`
    /// where it is cut, so that a diagnostic stays one screen line whatever the expression's length.
    public func rendered(in source: SourceText) -> String {
        let start = min(range.lower, source.count)
        var from = 0
        var to = source.count
        if source.count > Self.lineWidth {
            from = max(0, start - Self.lineWidth / 3)
            to = min(source.count, from + Self.lineWidth)
            from = max(0, to - Self.lineWidth)
        }
        // One line per expression: line breaks and tabs show as spaces so the caret stays aligned.
        var shown = String.UnicodeScalarView()
        if from > 0 { shown.append("…") }
        for scalar in source.scalars[from..<to] {
            shown.append(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? " " : scalar)
        }
        if to < source.count { shown.append("…") }
        let column = start - from + (from > 0 ? 1 : 0)
        let width = max(1, min(range.upper, to + 1) - start)
        var out = "error: \(Self.clipped(message))\n  \(String(shown))\n  "
        out += String(repeating: " ", count: column) + "^" + String(repeating: "~", count: width - 1)
        if let note { out += "\n  \(Self.clipped(note))" }
        return out
    }

    /// A message that quotes a very long word is cut, as the expression is.
    private static func clipped(_ text: String) -> String {
        let limit = 2 * lineWidth
        guard text.unicodeScalars.count > limit else { return text }
        var view = String.UnicodeScalarView(text.unicodeScalars.prefix(limit))
        view.append("…")
        return String(view)
    }

    /// The widest expression shown whole under a diagnostic.
    public static let lineWidth = 120
}

/// Every problem found in an expression; compiling stops before anything is matched.
public struct FilterDiagnostics: Error, Sendable, CustomStringConvertible {
    public var source: SourceText
    public var diagnostics: [Diagnostic]

    public init(source: SourceText, diagnostics: [Diagnostic]) {
        self.source = source
        self.diagnostics = diagnostics
    }

    /// Diagnostics shown at most; past them, a count.
    public static let limit = 10

    /// The diagnostics, rendered, at most `limit` of them, then how many more were found.
    public var description: String {
        var lines = diagnostics.prefix(Self.limit).map { $0.rendered(in: source) }
        if diagnostics.count > Self.limit {
            lines.append("error: \(diagnostics.count - Self.limit) more problems in the expression are not shown; fix these first")
        }
        return lines.joined(separator: "\n")
    }
}
