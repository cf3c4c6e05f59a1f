/// Go's `text/tabwriter` as the reference CLI configures it (minwidth 2, tabwidth 0, padding 3, space
/// padding, no flags): tab-terminated cells are aligned in columns; a column's width is set by the
/// consecutive lines that have a cell in it. Widths count Unicode code points.
struct TabWriter {
    let minWidth = 2
    let padding = 3

    private struct Cell {
        var text: [UInt8]
        var width: Int
    }

    private var lines: [[Cell]] = [[]]
    private var current: [UInt8] = []

    /// Adds text; `\t` ends a cell and `\n` ends a line.
    mutating func write(_ bytes: [UInt8]) {
        for b in bytes {
            switch b {
            case UInt8(ascii: "\t"):
                terminateCell()
            case UInt8(ascii: "\n"):
                terminateCell()
                lines.append([])
            default:
                current.append(b)
            }
        }
    }

    private mutating func terminateCell() {
        let width = current.reduce(0) { $0 + (($1 & 0xC0) == 0x80 ? 0 : 1) }
        lines[lines.count - 1].append(Cell(text: current, width: width))
        current.removeAll(keepingCapacity: true)
    }

    /// The aligned text of everything written.
    mutating func flush() -> [UInt8] {
        if !current.isEmpty { terminateCell() }
        // The last line holds the text after the final newline, which is not a line of its own.
        var out: [UInt8] = []
        var widths: [Int] = []
        format(&out, &widths, 0, lines.count)
        return out
    }

    private func format(_ out: inout [UInt8], _ widths: inout [Int], _ line0: Int, _ line1: Int) {
        let column = widths.count
        var start = line0
        var this = line0
        while this < line1 {
            if column >= lines[this].count - 1 {
                this += 1
                continue
            }
            writeLines(&out, widths, start, this)
            start = this
            var width = minWidth
            while this < line1 {
                let line = lines[this]
                if column >= line.count - 1 { break }
                width = max(width, line[column].width + padding)
                this += 1
            }
            widths.append(width)
            format(&out, &widths, start, this)
            widths.removeLast()
            start = this
        }
        writeLines(&out, widths, start, line1)
    }

    private func writeLines(_ out: inout [UInt8], _ widths: [Int], _ line0: Int, _ line1: Int) {
        guard line0 < line1 else { return }
        for i in line0..<line1 {
            let line = lines[i]
            for (j, cell) in line.enumerated() {
                out.append(contentsOf: cell.text)
                if j < widths.count && j < line.count - 1 {
                    for _ in cell.width..<widths[j] { out.append(UInt8(ascii: " ")) }
                }
            }
            if i + 1 < lines.count { out.append(UInt8(ascii: "\n")) }
        }
    }
}
