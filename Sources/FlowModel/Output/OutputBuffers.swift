import HubbleAPI
/// Output for standard output and standard error, as bytes ready to write. Formatters append to it;
/// the file reader fills one per batch of lines on a worker task.
public struct OutputBuffers: Sendable {
    public var stdout: [UInt8] = []
    public var stderr: [UInt8] = []

    public init() {}

    public mutating func removeAll() {
        stdout.removeAll(keepingCapacity: true)
        stderr.removeAll(keepingCapacity: true)
    }
}

/// Parts of `OutputBuffers` lent for writing: complete records only, valid during the call.
public struct OutputSlices {
    public var stdout: UnsafeRawBufferPointer
    public var stderr: UnsafeRawBufferPointer

    public init(stdout: UnsafeRawBufferPointer, stderr: UnsafeRawBufferPointer) {
        self.stdout = stdout
        self.stderr = stderr
    }
}
