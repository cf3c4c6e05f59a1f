import FilterLanguage

/// The filter being edited (`/`): its text, the cursor, and the last compile result.
public struct FilterBar: Sendable {
    public var text: String
    /// Cursor position in characters.
    public var cursor: Int
    /// The first diagnostic of the text as it stands, rendered with its caret; nil when it compiles.
    public var error: String?
    /// Which history entry Up/Down showed last (nil: the text being typed).
    public var historyIndex: Int?
    /// What was typed before browsing the history.
    public var draft: String

    public init(text: String) {
        self.text = text
        cursor = text.count
        draft = text
    }
}
