import HubbleAPI
/// A forward-only reader of one JSON document in memory, made for proto3 JSON: the generated message
/// codecs pull fields from it by key table, and it skips what they do not know.
///
/// The bytes must stay valid while the reader is used (keep it inside `withUnsafeBytes`).
public struct JSONReader {
    let base: UnsafePointer<UInt8>
    let end: Int
    /// Offset of the next byte to read.
    public internal(set) var position = 0
    /// True between an object's `{` and its first key, so that commas are checked.
    var atObjectStart = false
    var depth = 0
    /// Names of members that no message knew, in the order met (at most a few are kept).
    public internal(set) var unknownFields: [String] = []
    /// How many unknown members were skipped.
    public internal(set) var unknownFieldCount = 0

    static let maxDepth = 100

    /// Reuses strings across the lines a decoder reads, when set.
    public var stringCache: StringCache?
    /// Members to skip rather than decode, when set.
    public var skipping: JSONSkipSet?

    public init(_ bytes: UnsafeRawBufferPointer, stringCache: StringCache? = nil) {
        self.stringCache = stringCache
        if let start = bytes.baseAddress, bytes.count > 0 {
            base = start.assumingMemoryBound(to: UInt8.self)
            end = bytes.count
        } else {
            base = JSONReader.emptyByte
            end = 0
        }
    }

    /// A NUL byte in the program's constant data: what an empty input reads.
    private static var emptyByte: UnsafePointer<UInt8> { ("" as StaticString).utf8Start }

    // MARK: - Structure

    @inline(__always)
    public mutating func skipWhitespace() {
        while position < end {
            let b = base[position]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { position += 1 } else { return }
        }
    }

    @inline(__always)
    public func peek() -> UInt8? { position < end ? base[position] : nil }

    func error(_ message: String) -> HubbleJSONError { HubbleJSONError(message, at: position) }

    func unexpected(_ expected: String) -> HubbleJSONError {
        guard position < end else { return error("unexpected end of line, expected \(expected)") }
        let b = base[position]
        let shown = b >= 0x20 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16))"
        return error("unexpected \(shown), expected \(expected)")
    }

    @inline(__always)
    mutating func expect(_ byte: UInt8, _ what: String) throws(HubbleJSONError) {
        skipWhitespace()
        guard position < end, base[position] == byte else { throw unexpected(what) }
        position += 1
    }

    /// Fails unless only white space is left.
    public mutating func expectEnd() throws(HubbleJSONError) {
        skipWhitespace()
        if position < end { throw unexpected("end of line") }
    }

    /// Consumes `null` if it comes next.
    @inline(__always)
    mutating func consumeNull() -> Bool {
        skipWhitespace()
        if position + 4 <= end, base[position] == UInt8(ascii: "n"), base[position + 1] == UInt8(ascii: "u"),
            base[position + 2] == UInt8(ascii: "l"), base[position + 3] == UInt8(ascii: "l")
        {
            position += 4
            return true
        }
        return false
    }

    /// Reads one value as message `M` (an object, or a well-known type's special form).
    @inline(__always)
    public mutating func readMessage<M: HubbleJSONMessage>(_ type: M.Type) throws(HubbleJSONError) -> M {
        try M.decodeJSONValue(from: &self)
    }

    /// Reads one object as message `M`, member by member.
    public mutating func readObject<M: HubbleJSONMessage>(_ type: M.Type) throws(HubbleJSONError) -> M {
        try expect(UInt8(ascii: "{"), "'{' (a JSON object)")
        depth += 1
        if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
        atObjectStart = true
        var message = M()
        try message.decodeJSONFields(from: &self)
        depth -= 1
        return message
    }

    /// The next member of the current object: the table's integer for its key, positioned at its
    /// value; `nil` after the closing `}`. Members with a `null` value and unknown keys are skipped.
    public mutating func nextField(in table: JSONKeyTable) throws(HubbleJSONError) -> Int? {
        while true {
            skipWhitespace()
            guard position < end else { throw unexpected("'}' or a member") }
            let b = base[position]
            if b == UInt8(ascii: "}") {
                position += 1
                atObjectStart = false
                return nil
            }
            if atObjectStart {
                atObjectStart = false
            } else {
                guard b == UInt8(ascii: ",") else { throw unexpected("',' or '}'") }
                position += 1
                skipWhitespace()
            }
            guard position < end, base[position] == UInt8(ascii: "\"") else { throw unexpected("a member name") }
            let keyStart = position
            let field = try readKey(in: table)
            try expect(UInt8(ascii: ":"), "':'")
            if consumeNull() { continue }
            if let field {
                if let skipping, let kind = skipping.skipped(field, in: table) {
                    try skipChecked(kind)
                    continue
                }
                return field
            }
            unknownFieldCount += 1
            if unknownFields.count < 8 { unknownFields.append(keyText(from: keyStart)) }
            try skipValue()
        }
    }

    /// Reads a quoted key and looks it up in place (keys with escapes take a slower path).
    @inline(__always)
    private mutating func readKey(in table: JSONKeyTable) throws(HubbleJSONError) -> Int? {
        let start = position + 1
        if let close = plainStringEnd(from: start) {
            position = close + 1
            let count = close - start
            return table.lookup(start: base + start, count: count)
        }
        let bytes = try readStringBytes()
        return table.lookup(bytes)
    }

    private func keyText(from start: Int) -> String {
        var copy = self
        copy.position = start
        guard let bytes = try? copy.readStringBytes() else { return "?" }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads an array, one element at a time through `element`.
    public mutating func readArray<T>(
        _ element: (inout JSONReader) throws(HubbleJSONError) -> T
    ) throws(HubbleJSONError) -> [T] {
        try expect(UInt8(ascii: "["), "'[' (a JSON array)")
        var result: [T] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            return result
        }
        result.reserveCapacity(4)
        while true {
            if consumeNull() { throw error("null is not allowed inside a list") }
            result.append(try element(&self))
            skipWhitespace()
            guard position < end else { throw unexpected("',' or ']'") }
            let b = base[position]
            position += 1
            if b == UInt8(ascii: "]") { return result }
            if b != UInt8(ascii: ",") {
                position -= 1
                throw unexpected("',' or ']'")
            }
        }
    }

    /// Skips a member's value, checking that it is what the member holds: a string, or a list of
    /// strings (null members were taken out before).
    private mutating func skipChecked(_ kind: JSONSkipSet.Kind) throws(HubbleJSONError) {
        skipWhitespace()
        switch kind {
        case .string:
            guard peek() == UInt8(ascii: "\"") else { throw unexpected("a string") }
            try skipString()
        case .strings:
            try skipArray { reader throws(HubbleJSONError) in
                guard reader.peek() == UInt8(ascii: "\"") else { throw reader.unexpected("a string") }
                try reader.skipString()
            }
        }
    }

    /// Skips one value of any kind.
    public mutating func skipValue() throws(HubbleJSONError) {
        skipWhitespace()
        guard position < end else { throw unexpected("a value") }
        switch base[position] {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"):
            position += 1
            depth += 1
            if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
            skipWhitespace()
            if peek() == UInt8(ascii: "}") {
                position += 1
            } else {
                while true {
                    skipWhitespace()
                    guard peek() == UInt8(ascii: "\"") else { throw unexpected("a member name") }
                    try skipString()
                    try expect(UInt8(ascii: ":"), "':'")
                    try skipValue()
                    skipWhitespace()
                    guard let b = peek() else { throw unexpected("',' or '}'") }
                    position += 1
                    if b == UInt8(ascii: "}") { break }
                    if b != UInt8(ascii: ",") {
                        position -= 1
                        throw unexpected("',' or '}'")
                    }
                }
            }
            depth -= 1
        case UInt8(ascii: "["):
            depth += 1
            if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
            try skipArray()
            depth -= 1
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            _ = try readBool()
        case UInt8(ascii: "n"):
            if !consumeNull() { throw unexpected("a value") }
        default:
            _ = try readNumberLiteral()
        }
    }

    /// Skips a string, scanning eight bytes at a time when it has no escapes.
    @inline(__always)
    mutating func skipString() throws(HubbleJSONError) {
        if let close = plainStringEnd(from: position + 1) {
            position = close + 1
        } else {
            _ = try readStringBytes()
        }
    }

    /// Skips an array without collecting its elements, each skipped by `element`.
    private mutating func skipArray(
        element: (inout JSONReader) throws(HubbleJSONError) -> Void = { reader throws(HubbleJSONError) in try reader.skipValue() }
    ) throws(HubbleJSONError) {
        try expect(UInt8(ascii: "["), "'['")
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            return
        }
        while true {
            skipWhitespace()
            try element(&self)
            skipWhitespace()
            guard let b = peek() else { throw unexpected("',' or ']'") }
            if b == UInt8(ascii: "]") {
                position += 1
                return
            }
            guard b == UInt8(ascii: ",") else { throw unexpected("',' or ']'") }
            position += 1
        }
    }

    /// The raw bytes of the next value, which is skipped.
    public mutating func captureValue() throws(HubbleJSONError) -> [UInt8] {
        skipWhitespace()
        let start = position
        try skipValue()
        return Array(UnsafeBufferPointer(start: base + start, count: position - start))
    }
}
