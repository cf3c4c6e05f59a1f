#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lines copied out of the input, ready to hand to another task: their bytes back to back, and where
/// each one ends.
public struct LineBatch: Sendable {
    public var bytes: [UInt8] = []
    /// End offset (exclusive) of each line in `bytes`; a line starts where the previous one ended.
    public var ends: [Int] = []
    /// The 1-based number of the first line.
    public var firstLineNumber: Int

    public var count: Int { ends.count }

    /// Calls `body` with the number and bytes of each line.
    public func forEach(_ body: (Int, UnsafeRawBufferPointer) throws -> Void) rethrows {
        try bytes.withUnsafeBytes { raw in
            var start = 0
            for (i, end) in ends.enumerated() {
                try body(firstLineNumber + i, UnsafeRawBufferPointer(rebasing: raw[start..<end]))
                start = end
            }
        }
    }
}

/// Reads a file descriptor as LF-separated lines of any length, in large blocks. A CR before the LF is
/// dropped; a last line without LF is still a line.
public struct LineReader {
    private let fd: Int32
    /// How errors name the input.
    private let name: String
    private var buffer: [UInt8]
    private var start = 0  // first byte of the unfinished line
    private var filled = 0
    private var scanned = 0  // bytes before this hold no LF of the unfinished line
    private var lineNumber = 0
    private var atEnd = false

    public init(fileDescriptor fd: Int32, name: String, blockSize: Int = 1 << 20) {
        self.fd = fd
        self.name = name
        buffer = [UInt8](repeating: 0, count: blockSize)
    }

    /// The next lines, at most `maxLines` or about `maxBytes` of them; `nil` at the end of the input.
    public mutating func nextBatch(maxLines: Int = 64, maxBytes: Int = 96 << 10) throws -> LineBatch? {
        var batch = LineBatch(firstLineNumber: lineNumber + 1)
        batch.bytes.reserveCapacity(maxBytes + (maxBytes >> 2))
        batch.ends.reserveCapacity(maxLines)
        while batch.count < maxLines && batch.bytes.count < maxBytes {
            guard let line = try nextLineRange() else { break }
            buffer.withUnsafeBytes { raw in batch.bytes.append(contentsOf: raw[line]) }
            batch.ends.append(batch.bytes.count)
        }
        return batch.count == 0 ? nil : batch
    }

    /// The next line's range in `buffer`, valid until the next call.
    private mutating func nextLineRange() throws -> Range<Int>? {
        while true {
            if let newline = findNewline() {
                lineNumber += 1
                var end = newline
                if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                let range = start..<end
                start = newline + 1
                scanned = start
                return range
            }
            if atEnd {
                guard filled > start else { return nil }
                lineNumber += 1
                var end = filled
                if buffer[end - 1] == 0x0D { end -= 1 }
                let range = start..<end
                start = filled
                return range
            }
            try refill()
        }
    }

    private mutating func findNewline() -> Int? {
        guard scanned < filled else { return nil }
        let found: Int? = buffer.withUnsafeBytes { raw in
            guard let hit = memchr(raw.baseAddress! + scanned, 0x0A, filled - scanned) else { return nil }
            return raw.baseAddress!.distance(to: UnsafeRawPointer(hit))
        }
        if found == nil { scanned = filled }
        return found
    }

    private mutating func refill() throws {
        if start == filled {
            start = 0
            filled = 0
            scanned = 0
        } else if filled == buffer.count {
            if start > 0 {
                let (from, count) = (start, filled - start)
                buffer.withUnsafeMutableBytes { raw in
                    let base = raw.baseAddress!
                    memmove(base, base + from, count)
                }
                scanned -= start
                filled -= start
                start = 0
            } else {
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))  // a line longer than the buffer
            }
        }
        while true {
            let offset = filled
            let n = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + offset, raw.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FlowInputError.readFailed(path: name, reason: String(cString: strerror(errno)))
            }
            if n == 0 { atEnd = true } else { filled += n }
            return
        }
    }
}
