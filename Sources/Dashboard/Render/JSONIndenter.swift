import Foundation
import SwiftProtobuf

/// Indents a compact JSON text, two spaces per level, one member per line: the detail pane's view
/// of a flow. Strings are copied as they are (escapes included).
enum JSONIndenter {
    static func lines(_ json: String) -> [String] {
        var lines: [String] = []
        var line = ""
        var depth = 0
        var inString = false
        var escaped = false
        func newline() {
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { lines.append(line) }
            line = String(repeating: "  ", count: depth)
        }
        var iterator = Array(json).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if inString {
                line.append(c)
                if escaped {
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    inString = false
                }
                continue
            }
            switch c {
            case "\"":
                inString = true
                line.append(c)
            case "{", "[":
                // Empty containers stay on one line.
                let next = iterator.next()
                if next == "}" || next == "]" {
                    line.append(c)
                    line.append(next!)
                } else {
                    line.append(c)
                    depth += 1
                    newline()
                    pending = next
                }
            case "}", "]":
                depth -= 1
                newline()
                line.append(c)
            case ",":
                line.append(c)
                newline()
            case ":":
                line.append(": ")
            default:
                line.append(c)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
