import CNcursesw
import Foundation

/// The thin adapter between the dashboard and ncurses: starts and restores the terminal, reads
/// keys, copies a `Screen` out. Every call happens on the one thread that runs the dashboard.
final class CursesTerminal {
    private let window: UnsafeMutablePointer<WINDOW>
    let hasColor: Bool
    private var restored = false

    /// Colour pairs, one per `Screen.Color`, on the terminal's default background.
    private static let palette: [(Screen.Color, Int16)] = [
        (.green, Int16(COLOR_GREEN)), (.red, Int16(COLOR_RED)), (.yellow, Int16(COLOR_YELLOW)), (.cyan, Int16(COLOR_CYAN)),
        (.blue, Int16(COLOR_BLUE)), (.magenta, Int16(COLOR_MAGENTA)), (.white, Int16(COLOR_WHITE)), (.gray, Int16(COLOR_WHITE)),
    ]

    init(monochrome: Bool) {
        setlocale(LC_ALL, "")
        window = initscr()!
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        wtimeout(window, 50)
        curs_set(0)
        if !monochrome && has_colors() {
            start_color()
            use_default_colors()
            for (index, entry) in Self.palette.enumerated() {
                init_pair(Int16(index + 1), entry.1, -1)
            }
            hasColor = true
        } else {
            hasColor = false
        }
    }

    /// Leaves curses mode: the shell gets its terminal back as it was.
    func restore() {
        guard !restored else { return }
        restored = true
        endwin()
    }

    var size: Size { Size(width: Int(loupe_columns(window)), height: Int(loupe_lines(window))) }

    /// What `read()` returns.
    enum Input {
        case key(Key)
        case resize
    }

    /// The next key, or nil after the read timeout (50 ms).
    func read() -> Input? {
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if result == ERR { return nil }
        if result == KEY_CODE_YES {
            switch Int32(character) {
            case KEY_RESIZE: return .resize
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_ENTER: return .key(.enter)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_DC: return .key(.delete)
            case KEY_BTAB: return .key(.backTab)
            default: return nil
            }
        }
        switch character {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.control(Character(Unicode.Scalar(UInt8(character) + 96))))
        default:
            guard let scalar = Unicode.Scalar(UInt32(character)) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }

    /// Copies a screen to the terminal, one run of equally styled cells at a time.
    func draw(_ screen: Screen) {
        werase(window)
        for (y, row) in screen.rows.enumerated() {
            var x = 0
            while x < row.count {
                let style = row[x].style
                var run: [wchar_t] = []
                let start = x
                while x < row.count, row[x].style == style {
                    for scalar in row[x].text.unicodeScalars { run.append(wchar_t(bitPattern: scalar.value)) }
                    x += 1
                }
                // The last cell of the screen cannot be written without scrolling: leave it.
                if y == screen.size.height - 1, x == row.count, !run.isEmpty { run.removeLast() }
                run.append(0)
                _ = loupe_set_attributes(window, attributes(style))
                _ = mvwaddwstr(window, Int32(y), Int32(start), run)
            }
        }
        _ = loupe_set_attributes(window, loupe_normal())
        if let cursor = screen.cursor {
            curs_set(1)
            wmove(window, Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        wrefresh(window)
    }

    private func attributes(_ style: Screen.Style) -> attr_t {
        var value = loupe_normal()
        if style.bold { value |= loupe_bold() }
        if style.reverse { value |= loupe_reverse() }
        if style.dim { value |= loupe_dim() }
        if hasColor, let color = style.color, let index = Self.palette.firstIndex(where: { $0.0 == color }) {
            value |= loupe_color_pair(Int16(index + 1))
            if color == .gray { value |= loupe_dim() }
        }
        return value
    }
}
