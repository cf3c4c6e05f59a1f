/// The SGR colour sequences the reference CLI uses, and nothing else.
enum SGR {
    static let red: [UInt8] = Array("\u{1B}[31m".utf8)
    static let green: [UInt8] = Array("\u{1B}[32m".utf8)
    static let yellow: [UInt8] = Array("\u{1B}[33m".utf8)
    static let blue: [UInt8] = Array("\u{1B}[34m".utf8)
    static let magenta: [UInt8] = Array("\u{1B}[35m".utf8)
    static let cyan: [UInt8] = Array("\u{1B}[36m".utf8)
    static let reset: [UInt8] = Array("\u{1B}[0m".utf8)
}

extension Array where Element == UInt8 {
    /// Appends `value` in decimal.
    @inline(__always)
    mutating func appendDecimal<T: BinaryInteger>(_ value: T) {
        if value < 0 {
            append(UInt8(ascii: "-"))
            appendDecimal(UInt64(value.magnitude))
        } else {
            appendDecimal(UInt64(value))
        }
    }

    @inline(__always)
    mutating func appendDecimal(_ value: UInt64) {
        if value < 10 {
            append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var v = value
        Swift.withUnsafeMutableBytes(of: &digits) { buffer in
            while v > 0 {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                count += 1
            }
            append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)..<24]))
        }
    }

    /// Appends `text` wrapped in `color` and a reset, or plain when `color` is nil.
    @inline(__always)
    mutating func append(_ text: String, color: [UInt8]?) {
        if let color {
            append(contentsOf: color)
            append(contentsOf: text.utf8)
            append(contentsOf: SGR.reset)
        } else {
            append(contentsOf: text.utf8)
        }
    }
}
