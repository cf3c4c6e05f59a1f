import Foundation

/// A program of the package running beside a test (an agent to connect to), with its standard
/// error read line by line.
public final class BackgroundProcess: @unchecked Sendable {
    private let child: ChildProcess

    /// - Parameter pipeInput: give the program a pipe as standard input (`standardInput`) instead of
    ///   /dev/null.
    public init(_ arguments: [String], product: String, pipeInput: Bool = false) throws {
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        child = try ChildProcess(
            LoupeProcess.executable(product).path, arguments, environment: environment, pipeInput: pipeInput)
    }

    /// The writing end of the program's standard input, when it is a pipe.
    public var standardInput: FileHandle? { child.standardInput }

    /// Standard error so far.
    public var stderrLines: [String] { child.stderrLines }
    public var timedStderrLines: [(Date, String)] { child.timedStderrLines }
    public var stdout: String { String(decoding: child.stdout, as: UTF8.self) }
    public var isRunning: Bool { child.isRunning }
    public var pid: pid_t { child.pid }

    /// Waits (up to `timeout` seconds) for a line of standard error that contains `text`.
    public func waitForStderr(containing text: String, timeout: Double = 30) async -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = stderrLines.first(where: { $0.contains(text) }) { return line }
            if !child.isRunning {
                _ = await child.wait(timeout: 0)
                return stderrLines.first { $0.contains(text) }
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        // A busy test run may wake this task long after the deadline: look once more.
        return stderrLines.first { $0.contains(text) }
    }

    /// Waits (up to `timeout` seconds) until standard output contains `text`.
    public func waitForStdout(containing text: String, timeout: Double = 30) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if stdout.contains(text) { return true }
            if !child.isRunning {
                _ = await child.wait(timeout: 0)
                break
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return stdout.contains(text)
    }

    public func signal(_ number: Int32) { child.signal(number) }

    /// Waits for the program to end (up to `timeout` seconds); its status, or nil if it did not end.
    public func wait(timeout: Double = 10) async -> Int32? { await child.wait(timeout: timeout) }

    /// The program is killed if it still runs.
    deinit { child.signal(SIGKILL) }
}
