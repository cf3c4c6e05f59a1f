#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lines read from the input, ready to hand to another task: the block they were read into and where
/// each line starts and ends in it.
public struct LineBatch: Sendable {
    public var bytes: [UInt8]
    /// Start of each line in `bytes`.
    var starts: [Int] = []
    /// End (exclusive) of each line in `bytes`, without its LF or a CR before it.
    var ends: [Int] = []
    /// The 1-based number of the first line.
    public var firstLineNumber: Int
    /// Lines longer than the reader's limit, by index in the batch, with their length: their bytes
    /// were dropped (the line reads as empty) and they are reported as bad lines.
    public var oversized: [Int: Int] = [:]
    /// The limit they passed.
    public var maximumLineLength = LineReader.defaultMaximumLineLength

    public var count: Int { ends.count }

    /// Calls `body` with the number and bytes of each line.
    public func forEach(_ body: (Int, UnsafeRawBufferPointer) throws -> Void) rethrows {
        try bytes.withUnsafeBytes { raw in
            for i in 0..<ends.count {
                try body(firstLineNumber + i, UnsafeRawBufferPointer(rebasing: raw[starts[i]..<ends[i]]))
            }
        }
    }
}

/// Reads a file descriptor as LF-separated lines. Each batch is one block read straight from the
/// input, so the lines are never copied on the reading task; the unfinished line at the end of a block
/// starts the next one. A CR before the LF is dropped; a last line without LF is still a line. A line
/// longer than `maximumLineLength` is read through and dropped, not held (`/dev/zero` has no end of
/// line), and reported in its batch's `oversized`.
public struct LineReader {
    /// The default longest line: 16 MiB (a flow is a few kilobytes).
    public static let defaultMaximumLineLength = 16 << 20
    private let fd: Int32
    /// How errors name the input.
    private let name: String
    private let blockSize: Int
    /// Whether reads can block waiting for a writer (a pipe or a terminal, not a file).
    private let isStream: Bool
    /// The unfinished line at the end of the last block.
    private var carry: [UInt8] = []
    private var lineNumber = 0
    private var atEnd = false

    private let maximumLineLength: Int

    public init(
        fileDescriptor fd: Int32, name: String, blockSize: Int = 120 << 10, maximumLineLength: Int = LineReader.defaultMaximumLineLength
    ) {
        self.fd = fd
        self.name = name
        self.blockSize = max(16, blockSize)
        self.maximumLineLength = max(1, maximumLineLength)
        var info = stat()
        isStream = fstat(fd, &info) != 0 || (info.st_mode & S_IFMT) != S_IFREG
    }

    /// Whether the next batch can be read without waiting for a writer: always for a file; for a pipe,
    /// when some input (or its end) is there already.
    public var hasInputReady: Bool {
        guard isStream, !atEnd else { return true }
        return Self.canRead(fd)
    }

    /// Whether a read of `fd` would return at once (data, or the end of the input).
    private static func canRead(_ fd: Int32) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, 0) != 0
    }

    /// The lines of the next block (at least one, however long); `nil` at the end of the input.
    public mutating func nextBatch() throws -> LineBatch? {
        var bytes: [UInt8] = []
        swap(&bytes, &carry)
        var searched = bytes.count  // the carried bytes hold no LF
        var lastNewline = -1
        while !atEnd {
            let before = bytes.count
            try readBlock(into: &bytes, adding: max(blockSize, before))
            if bytes.count == before {
                atEnd = true
                break
            }
            lastNewline = Self.lastNewline(in: bytes, from: searched)
            if lastNewline >= 0 { break }
            searched = bytes.count
            if bytes.count > maximumLineLength {
                // One line, already too long: read through to its end without keeping it.
                let length = try discardLine(after: bytes.count)
                lineNumber += 1
                var batch = LineBatch(bytes: [], firstLineNumber: lineNumber)
                batch.starts = [0]
                batch.ends = [0]
                batch.oversized = [0: length]
                batch.maximumLineLength = maximumLineLength
                return batch
            }
        }
        let complete: Int  // bytes that belong to this batch's lines
        if lastNewline >= 0 {
            complete = lastNewline + 1
            if complete < bytes.count { carry = Array(bytes[complete...]) }
        } else {
            complete = bytes.count  // at the end: the last line has no LF
        }
        if complete == 0 { return nil }
        var batch = LineBatch(bytes: [], firstLineNumber: lineNumber + 1)
        batch.maximumLineLength = maximumLineLength
        batch.starts.reserveCapacity(complete / 512 + 1)
        batch.ends.reserveCapacity(complete / 512 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            var start = 0
            while start < complete {
                let newline = memchr(base + start, 0x0A, complete - start)
                    .map { UnsafeRawPointer(base).distance(to: UnsafeRawPointer($0)) } ?? complete
                var end = newline
                if end > start && base[end - 1] == 0x0D { end -= 1 }
                if end - start > maximumLineLength {
                    batch.oversized[batch.ends.count] = end - start
                    end = start
                }
                batch.starts.append(start)
                batch.ends.append(end)
                start = newline + 1
            }
        }
        lineNumber += batch.count
        batch.bytes = bytes
        return batch
    }

    /// `16 MiB`, `64 KiB`, or a number of bytes.
    public static func describe(size: Int) -> String {
        if size >= 1 << 20 && size % (1 << 20) == 0 { return "\(size >> 20) MiB" }
        if size >= 1 << 10 && size % (1 << 10) == 0 { return "\(size >> 10) KiB" }
        return "\(size) bytes"
    }

    /// Reads and drops the rest of a line of which `already` bytes were read; what follows its LF is
    /// kept for the next batch. Returns the line's whole length.
    private mutating func discardLine(after already: Int) throws -> Int {
        var length = already
        while true {
            var block: [UInt8] = []
            try readBlock(into: &block, adding: blockSize)
            if block.isEmpty {
                atEnd = true
                return length
            }
            if let newline = block.firstIndex(of: 0x0A) {
                length += newline
                if newline + 1 < block.count { carry = Array(block[(newline + 1)...]) }
                return length
            }
            length += block.count
        }
    }

    /// Appends up to `count` bytes read from the input to `bytes`; for a pipe, as much as is there
    /// without waiting once something has arrived. Adds nothing at the end of the input.
    private func readBlock(into bytes: inout [UInt8], adding count: Int) throws {
        let old = bytes.count
        var failure: Int32 = 0
        let grown = [UInt8](unsafeUninitializedCapacity: old + count) { buffer, initialized in
            let base = buffer.baseAddress!
            bytes.withUnsafeBufferPointer { old in
                if let from = old.baseAddress { base.update(from: from, count: old.count) }
            }
            initialized = old
            while initialized < buffer.count {
                let n = read(fd, base + initialized, buffer.count - initialized)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { return }
                initialized += n
                if !isStream || !Self.canRead(fd) { return }
            }
        }
        if failure != 0 && grown.count == old {
            throw FlowInputError.readFailed(path: name, reason: String(cString: strerror(failure)))
        }
        bytes = grown
    }

    /// The offset of the last LF at or after `from`, or -1.
    private static func lastNewline(in bytes: [UInt8], from: Int) -> Int {
        var i = bytes.count - 1
        while i >= from {
            if bytes[i] == 0x0A { return i }
            i -= 1
        }
        return -1
    }
}
