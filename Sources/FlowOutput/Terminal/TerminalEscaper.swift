#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes untrusted text safe for a terminal. As the reference CLI does, every ESC becomes `^[` and
/// every CR becomes `\r`, except that with colour on, the seven SGR sequences the CLI itself uses
/// (`ESC[31m`…`ESC[36m`, `ESC[0m`) pass unchanged wherever they occur. Beyond the reference (which
/// lets them through raw), every other C0 control but TAB becomes `\xHH` (`\x07` for BEL, `\x00`
/// for NUL), DEL becomes `\x7f`, a C1 control (U+0080–U+009F, which some terminals obey as ESC
/// sequences: U+009B is CSI) becomes `\u009b`, and, unless `newlines` is true, LF becomes `\n`, so
/// that data can neither drive the terminal nor forge an output line. Text without such characters
/// is unchanged, byte for byte.
public enum TerminalEscaper {
    /// A string made safe for the terminal (no colour passes; a newline is escaped).
    public static func escaped(_ text: String) -> String {
        var bytes = Array(text.utf8)
        escape(&bytes, from: 0, allowColor: false, newlines: false)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Escapes `bytes[from...]` in place; `newlines` keeps LF (text of several lines).
    public static func escape(_ bytes: inout [UInt8], from start: Int, allowColor: Bool, newlines: Bool = true) {
        let needs = bytes.withUnsafeBytes { raw in
            guard start < raw.count else { return false }
            return containsControl(UnsafeRawBufferPointer(rebasing: raw[start...]), newlines: newlines)
        }
        guard needs else { return }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count - start + 16)
        var i = start
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            switch b {
            case 0x1B:
                if allowColor, isAllowedSGR(bytes, i) {
                    let length = bytes[i + 2] == UInt8(ascii: "0") ? 4 : 5
                    out.append(contentsOf: bytes[i..<(i + length)])
                    i += length
                    continue
                }
                out.append(contentsOf: [UInt8(ascii: "^"), UInt8(ascii: "[")])
            case 0x0D:
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x0A where !newlines:
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x09, 0x0A:
                out.append(b)
            case 0x00..<0x20, 0x7F:
                out.append(contentsOf: hexEscape(b))
            case 0xC2 where i + 1 < n && (0x80...0x9F).contains(bytes[i + 1]):
                out.append(contentsOf: Array("\\u00".utf8) + hexDigits(bytes[i + 1]))
                i += 2
                continue
            default:
                out.append(b)
            }
            i += 1
        }
        bytes.replaceSubrange(start..., with: out)
    }

    private static func hexDigits(_ b: UInt8) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return [digits[Int(b >> 4)], digits[Int(b & 0xF)]]
    }

    private static func hexEscape(_ b: UInt8) -> [UInt8] {
        [UInt8(ascii: "\\"), UInt8(ascii: "x")] + hexDigits(b)
    }

    /// Whether the bytes hold anything `escape` changes: eight bytes at a time, a byte below 0x20
    /// (TAB and, with `newlines`, LF aside), DEL, or 0xC2 (which starts a C1 control).
    static func containsControl(_ raw: UnsafeRawBufferPointer, newlines: Bool) -> Bool {
        let count = raw.count
        var i = 0
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        while i + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // A byte below 0x20 (of the bytes below 0x80), or equal to 0x7F or 0xC2.
            let below = (word &- ones &* 0x20) & ~word & highs != 0
            if below || hasZero(word ^ (ones &* 0x7F)) || hasZero(word ^ (ones &* 0xC2)) {
                for j in i..<(i + 8) where isControlStart(raw[j], newlines: newlines) { return true }
            }
            i += 8
        }
        while i < count {
            if isControlStart(raw[i], newlines: newlines) { return true }
            i += 1
        }
        return false
    }

    @inline(__always)
    private static func isControlStart(_ b: UInt8, newlines: Bool) -> Bool {
        (b < 0x20 && b != 0x09 && (b != 0x0A || !newlines)) || b == 0x7F || b == 0xC2
    }

    private static func isAllowedSGR(_ b: [UInt8], _ i: Int) -> Bool {
        guard i + 3 < b.count, b[i + 1] == UInt8(ascii: "[") else { return false }
        if b[i + 2] == UInt8(ascii: "0") { return b[i + 3] == UInt8(ascii: "m") }
        return i + 4 < b.count && b[i + 2] == UInt8(ascii: "3") && (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(b[i + 3])
            && b[i + 4] == UInt8(ascii: "m")
    }
}
