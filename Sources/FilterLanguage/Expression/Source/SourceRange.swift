/// A half-open range of positions in an expression, counted in Unicode scalars from its start (what a
/// caret is placed under).
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public var lower: Int
    public var upper: Int

    public init(_ lower: Int, _ upper: Int) {
        self.lower = lower
        self.upper = max(upper, lower)
    }

    /// The range that covers both.
    public func joined(_ other: SourceRange) -> SourceRange {
        SourceRange(min(lower, other.lower), max(upper, other.upper))
    }

    public var description: String { "\(lower)..<\(upper)" }
}

/// An expression's text, addressable by scalar offsets.
public struct SourceText: Sendable {
    public let text: String
    let scalars: [Unicode.Scalar]

    public init(_ text: String) {
        self.text = text
        scalars = Array(text.unicodeScalars)
    }

    public subscript(range: SourceRange) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[max(0, range.lower)..<min(scalars.count, range.upper)])
        return String(view)
    }

    public var count: Int { scalars.count }
}
