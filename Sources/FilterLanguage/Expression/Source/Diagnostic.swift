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
    public func rendered(in source: SourceText) -> String {
        // One line per expression: line breaks and tabs show as spaces so the caret stays aligned.
        let shown = String(String.UnicodeScalarView(source.scalars.map { scalar -> Unicode.Scalar in
            scalar.value < 0x20 || scalar.value == 0x7F ? " " : scalar
        }))
        let start = min(range.lower, source.count)
        let width = max(1, min(range.upper, source.count + 1) - start)
        var out = "error: \(message)\n  \(shown)\n  "
        out += String(repeating: " ", count: start) + "^" + String(repeating: "~", count: width - 1)
        if let note { out += "\n  \(note)" }
        return out
    }
}

/// Every problem found in an expression; compiling stops before anything is matched.
public struct FilterDiagnostics: Error, Sendable, CustomStringConvertible {
    public var source: SourceText
    public var diagnostics: [Diagnostic]

    public init(source: SourceText, diagnostics: [Diagnostic]) {
        self.source = source
        self.diagnostics = diagnostics
    }

    /// All diagnostics, rendered, separated by blank lines.
    public var description: String {
        diagnostics.map { $0.rendered(in: source) }.joined(separator: "\n")
    }
}
