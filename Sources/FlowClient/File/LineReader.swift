#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor as LF-separated lines of any length, in large blocks. A CR before the LF is
/// dropped; a last line without LF is still a line.
public struct LineReader {
    private let fd: Int32
    private let blockSize: Int

    public init(fileDescriptor fd: Int32, blockSize: Int = 1 << 20) {
        self.fd = fd
        self.blockSize = blockSize
    }

    /// Calls `body` with each line (1-based number, bytes without the line end) until it returns false
    /// or the input ends.
    public func forEachLine(
        _ body: (Int, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        var buffer = [UInt8](repeating: 0, count: blockSize)
        var start = 0  // first byte of the unfinished line
        var filled = 0
        var lineNumber = 0
        while true {
            if start > 0 && start == filled {
                start = 0
                filled = 0
            } else if filled == buffer.count {
                if start > 0 {
                    // Move the unfinished line to the front.
                    buffer.withUnsafeMutableBytes { raw in
                        let base = raw.baseAddress!
                        memmove(base, base + start, filled - start)
                    }
                    filled -= start
                    start = 0
                } else {
                    buffer.append(contentsOf: repeatElement(0, count: buffer.count))  // a line longer than the buffer
                }
            }
            let n = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + filled, raw.count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FlowInputError.readFailed(String(cString: strerror(errno)))
            }
            if n == 0 {
                if filled > start {
                    lineNumber += 1
                    var end = filled
                    if buffer[end - 1] == 0x0D { end -= 1 }
                    let keepGoing = try buffer.withUnsafeBytes { raw in
                        try body(lineNumber, UnsafeRawBufferPointer(rebasing: raw[start..<end]))
                    }
                    _ = keepGoing
                }
                return
            }
            let scanFrom = filled
            filled += n
            let stop: Bool = try buffer.withUnsafeBytes { raw in
                let base = raw.baseAddress!
                var i = scanFrom
                while i < filled {
                    guard let hit = memchr(base + i, 0x0A, filled - i) else { break }
                    let newline = base.distance(to: UnsafeRawPointer(hit))
                    lineNumber += 1
                    var end = newline
                    if end > start && raw[end - 1] == 0x0D { end -= 1 }
                    if try !body(lineNumber, UnsafeRawBufferPointer(rebasing: raw[start..<end])) { return true }
                    start = newline + 1
                    i = start
                }
                return false
            }
            if stop { return }
        }
    }
}
