/// Go's `text/tabwriter` as the reference CLI configures it (minwidth 2, tabwidth 0, padding 3, space
/// padding, no flags): tab-terminated cells are aligned in columns; a column's width is set by the
/// consecutive lines that have a cell in it. Widths count Unicode code points.
///
/// One difference, for memory's sake: a cell wider than `maximumCellWidth` does not widen its
/// column (every other row would be padded to it: one 10 MB field made a table of gigabytes); it is
/// written whole, and only its own row loses the alignment.
struct TabWriter {
    let minWidth = 2
    let padding = 3
    static let maximumCellWidth = 4096

    private struct Cell {
        var text: [UInt8]
        var width: Int
    }

    private var lines: [[Cell]] = [[]]
    private var current: [UInt8] = []
    /// The bytes of text held.
    private(set) var heldBytes = 0

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
                heldBytes += 1
            }
        }
    }

    private mutating func terminateCell() {
        let width = current.reduce(0) { $0 + (($1 & 0xC0) == 0x80 ? 0 : 1) }
        lines[lines.count - 1].append(Cell(text: current, width: width))
        // A fresh buffer: keeping the capacity would give every later cell a buffer as large as the
        // largest one so far (each cell pinned 16 MB after one 10 MB field).
        current = []
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
                if line[column].width <= Self.maximumCellWidth { width = max(width, line[column].width + padding) }
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
                if j < widths.count && j < line.count - 1 && cell.width < widths[j] {
                    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: widths[j] - cell.width))
                } else if j < line.count - 1 && cell.width > Self.maximumCellWidth {
                    // A cell too wide to set its column's width: a space keeps it apart from the next.
                    out.append(UInt8(ascii: " "))
                }
            }
            if i + 1 < lines.count { out.append(UInt8(ascii: "\n")) }
        }
    }
}
