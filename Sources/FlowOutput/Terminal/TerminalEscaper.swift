#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes untrusted text safe for a terminal, as the reference CLI does: every ESC becomes `^[` and
/// every CR becomes `\r`, except that with colour on, the seven SGR sequences the CLI itself uses
/// (`ESC[31m`…`ESC[36m`, `ESC[0m`) pass unchanged wherever they occur.
public enum TerminalEscaper {
    /// A string made safe for the terminal (no colour passes).
    public static func escaped(_ text: String) -> String {
        var bytes = Array(text.utf8)
        escape(&bytes, from: 0, allowColor: false)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Escapes `bytes[from...]` in place.
    public static func escape(_ bytes: inout [UInt8], from start: Int, allowColor: Bool) {
        let needs = bytes.withUnsafeBytes { raw in
            guard start < raw.count else { return false }
            let base = raw.baseAddress! + start
            let count = raw.count - start
            return memchr(base, 0x1B, count) != nil || memchr(base, 0x0D, count) != nil
        }
        guard needs else { return }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count - start + 16)
        var i = start
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x1B {
                if allowColor, isAllowedSGR(bytes, i) {
                    let length = bytes[i + 2] == UInt8(ascii: "0") ? 4 : 5
                    out.append(contentsOf: bytes[i..<(i + length)])
                    i += length
                    continue
                }
                out.append(UInt8(ascii: "^"))
                out.append(UInt8(ascii: "["))
            } else if b == 0x0D {
                out.append(UInt8(ascii: "\\"))
                out.append(UInt8(ascii: "r"))
            } else {
                out.append(b)
            }
            i += 1
        }
        bytes.replaceSubrange(start..., with: out)
    }

    private static func isAllowedSGR(_ b: [UInt8], _ i: Int) -> Bool {
        guard i + 3 < b.count, b[i + 1] == UInt8(ascii: "[") else { return false }
        if b[i + 2] == UInt8(ascii: "0") { return b[i + 3] == UInt8(ascii: "m") }
        return i + 4 < b.count && b[i + 2] == UInt8(ascii: "3") && (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(b[i + 3])
            && b[i + 4] == UInt8(ascii: "m")
    }
}
