#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FlowModel
import HubbleAPI

/// Writes formatted output to standard output and standard error through `write(2)`, in large chunks.
/// A reader that closes the pipe (`| head`) surfaces as `OutputSink.Closed`, which callers treat as a
/// quiet, successful end.
public struct OutputSink {
    /// Standard output was closed by its reader.
    public struct Closed: Error {}

    /// Flush standard output once this many bytes are pending.
    public var flushThreshold = 1 << 16
    public var buffers = OutputBuffers()
    /// Where the output goes: standard output and standard error unless told otherwise.
    public let destination: OutputDestination

    public init(_ destination: OutputDestination = .standard) {
        self.destination = destination
        signal(SIGPIPE, SIG_IGN)
    }

    /// Writes what is pending as the buffering rules say; stderr is written at once.
    public mutating func drain() throws {
        if !buffers.stderr.isEmpty {
            try Self.write(buffers.stderr, to: destination.stderr)
            buffers.stderr.removeAll(keepingCapacity: true)
        }
        if buffers.stdout.count >= flushThreshold {
            try flush()
        }
    }

    /// Writes rendered output as the buffering rules say: stderr at once, stdout when enough is
    /// pending (a large piece goes straight out instead of through the buffer).
    public mutating func write(_ slices: OutputSlices) throws {
        if slices.stderr.count > 0 {
            try flush()
            try Self.write(slices.stderr, to: destination.stderr)
        }
        guard slices.stdout.count > 0 else { return }
        if slices.stdout.count >= flushThreshold {
            try flush()
            try Self.write(slices.stdout, to: destination.stdout)
        } else {
            buffers.stdout.append(contentsOf: slices.stdout)
            if buffers.stdout.count >= flushThreshold { try flush() }
        }
    }

    /// Writes everything pending.
    public mutating func flush() throws {
        if !buffers.stderr.isEmpty {
            try Self.write(buffers.stderr, to: destination.stderr)
            buffers.stderr.removeAll(keepingCapacity: true)
        }
        if !buffers.stdout.isEmpty {
            try Self.write(buffers.stdout, to: destination.stdout)
            buffers.stdout.removeAll(keepingCapacity: true)
        }
    }

    /// Writes one diagnostic line to standard error at once.
    public static func printError(_ message: String, to destination: OutputDestination = .standard) {
        try? write(Array((message + "\n").utf8), to: destination.stderr)
    }

    static func write(_ bytes: [UInt8], to fd: Int32) throws {
        try bytes.withUnsafeBytes { try write($0, to: fd) }
    }

    static func write(_ raw: UnsafeRawBufferPointer, to fd: Int32) throws {
        var offset = 0
        while offset < raw.count {
            let n = systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { throw Closed() }
                throw WriteFailed(reason: String(cString: strerror(errno)))
            }
            offset += n
        }
    }

    /// Writing failed for a reason other than a closed pipe.
    public struct WriteFailed: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { "cannot write output: \(reason)" }
    }
}

@inline(__always)
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
