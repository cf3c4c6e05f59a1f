import Foundation

/// A program of the package running beside a test (an agent to connect to), with its standard
/// error read line by line.
public final class BackgroundProcess: @unchecked Sendable {
    public let process = Process()
    private let lock = NSLock()
    private var errorLines: [String] = []
    private var outputData = Data()
    private var readers: [Thread] = []

    public init(_ arguments: [String], product: String) throws {
        process.executableURL = LoupeProcess.executable(product)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        process.environment = environment
        let err = Pipe()
        let out = Pipe()
        process.standardError = err
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errorReader = Thread { [weak self] in
            var pending = Data()
            while true {
                let chunk = err.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    self?.lock.withLock { self?.errorLines.append(line) }
                }
            }
        }
        let outputReader = Thread { [weak self] in
            while true {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                self?.lock.withLock { self?.outputData.append(chunk) }
            }
        }
        readers = [errorReader, outputReader]
        for reader in readers { reader.start() }
    }

    /// Standard error so far.
    public var stderrLines: [String] { lock.withLock { errorLines } }
    public var stdout: String { lock.withLock { String(decoding: outputData, as: UTF8.self) } }

    /// Waits (up to `timeout` seconds) for a line of standard error that contains `text`.
    public func waitForStderr(containing text: String, timeout: Double = 30) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = stderrLines.first(where: { $0.contains(text) }) { return line }
            if !process.isRunning { return stderrLines.first { $0.contains(text) } }
            usleep(20_000)
        }
        return nil
    }

    public func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the program to end (up to `timeout` seconds); its status, or nil if it did not end.
    public func wait(timeout: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { return nil }
        for reader in readers { while !reader.isFinished { usleep(1000) } }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}
