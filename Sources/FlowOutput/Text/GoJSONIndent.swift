/// Re-indents compact JSON as Go's `json.MarshalIndent(v, "", "  ")` writes it (what `hubble list
/// … -o json` prints): one member or element per line, two spaces a level, `": "` after a name, and
/// `{}` / `[]` for empty objects and arrays.
public enum GoJSONIndent {
    public static func indent(_ compact: String) -> String {
        let bytes = Array(compact.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        var depth = 0
        var inString = false
        var escaped = false
        func newline() {
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        }
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            defer { i += 1 }
            if inString {
                out.append(c)
                if escaped {
                    escaped = false
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch c {
            case UInt8(ascii: "\""):
                inString = true
                out.append(c)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = c == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if i + 1 < bytes.count, bytes[i + 1] == close {
                    out.append(c)
                    out.append(close)
                    i += 1
                } else {
                    out.append(c)
                    depth += 1
                    newline()
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                newline()
                out.append(c)
            case UInt8(ascii: ","):
                out.append(c)
                newline()
            case UInt8(ascii: ":"):
                out.append(c)
                out.append(UInt8(ascii: " "))
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                break
            default:
                out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
