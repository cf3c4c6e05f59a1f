/// The two file descriptors output is written to: standard output and standard error for a
/// program, files or pipes for a test that runs a command in process.
public struct OutputDestination: Sendable, Equatable {
    public var stdout: Int32
    public var stderr: Int32

    public init(stdout: Int32, stderr: Int32) {
        self.stdout = stdout
        self.stderr = stderr
    }

    /// The process's standard output and standard error.
    public static let standard = OutputDestination(stdout: 1, stderr: 2)
}
