/// What the terminal should show: a grid of cells, each a character and a style. Rendering builds a
/// screen; the terminal adapter only copies it out.
public struct Screen: Sendable, Equatable {
    public enum Color: Sendable, Hashable {
        case green, red, yellow, cyan, blue, magenta, white, gray
    }

    public struct Style: Sendable, Hashable {
        public var color: Color?
        public var bold = false
        public var reverse = false
        public var dim = false

        public init(color: Color? = nil, bold: Bool = false, reverse: Bool = false, dim: Bool = false) {
            self.color = color
            self.bold = bold
            self.reverse = reverse
            self.dim = dim
        }

        public static let plain = Style()
    }

    public struct Cell: Sendable, Hashable {
        /// Empty for the second column of a double-width character.
        public var text: String
        public var style: Style
    }

    public let size: Size
    public private(set) var rows: [[Cell]]
    /// Where the terminal cursor goes (the filter bar's insertion point), if shown.
    public var cursor: (row: Int, column: Int)?

    public init(size: Size) {
        self.size = size
        rows = Array(repeating: Array(repeating: Cell(text: " ", style: .plain), count: max(0, size.width)), count: max(0, size.height))
    }

    public static func == (a: Screen, b: Screen) -> Bool {
        a.size == b.size && a.rows == b.rows && a.cursor?.row == b.cursor?.row && a.cursor?.column == b.cursor?.column
    }

    /// Writes `text` from `column`, cut at `width` columns (the screen's edge by default); returns
    /// the columns written. Characters that take two columns take two cells.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, width: Int? = nil, style: Style = .plain) -> Int {
        guard row >= 0, row < size.height, column < size.width else { return 0 }
        let limit = min(size.width, column + (width ?? size.width))
        var x = max(0, column)
        for character in text {
            let w = Self.width(of: character)
            if w == 0 { continue }
            if x + w > limit { break }
            rows[row][x] = Cell(text: String(character), style: style)
            if w == 2 { rows[row][x + 1] = Cell(text: "", style: style) }
            x += w
        }
        return x - max(0, column)
    }

    /// Paints a whole row's style (a selected or header row), keeping its text.
    public mutating func highlight(row: Int, style: Style) {
        guard row >= 0, row < size.height else { return }
        for x in 0..<size.width {
            var cell = rows[row][x]
            cell.style.reverse = style.reverse
            cell.style.bold = cell.style.bold || style.bold
            if style.color != nil { cell.style.color = style.color }
            rows[row][x] = cell
        }
    }

    /// The plain text of a row, trailing spaces removed (for tests and tmux-like checks).
    public func text(row: Int) -> String {
        var line = rows[row].map(\.text).joined()
        while line.last == " " { line.removeLast() }
        return line
    }

    public var text: String { (0..<size.height).map(text(row:)).joined(separator: "\n") }

    /// Columns a character takes in a terminal: two for East Asian wide and emoji ranges, none for
    /// control characters, one otherwise.
    public static func width(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    public static func width(of text: String) -> Int { text.reduce(0) { $0 + width(of: $1) } }
}
