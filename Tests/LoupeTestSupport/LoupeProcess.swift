import Foundation

/// Runs a built executable of the package (`loupe` unless told) and captures what it prints.
public struct LoupeProcess {
    /// A program that did not behave as a test needs (did not start, did not end in time).
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        public init(status: Int32, stdout: String, stderr: String) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    public static func executable(_ product: String) -> URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug"),
        ]
        for dir in candidates {
            let url = dir.appendingPathComponent(product)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return url
            }
        }
        return candidates.last!.appendingPathComponent(product)
    }

    /// Runs `loupe ARGS` in `directory` with `stdin` as standard input. A program still running after
    /// `timeout` seconds is killed and reported as a failure, so that a hung program fails its test
    /// instead of the whole run.
    public static func run(
        _ arguments: [String], in directory: URL? = nil, stdin: Data? = nil, environment: [String: String] = [:],
        product: String = "loupe", timeout: Double = 120
    ) async throws -> Result {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        env["TZ"] = "UTC"
        for (k, v) in environment { env[k] = v }
        let child = try ChildProcess(
            executable(product).path, arguments, environment: env, directory: directory?.path, pipeInput: stdin != nil)
        if let stdin, let input = child.standardInput {
            let writer = Thread {
                try? input.write(contentsOf: stdin)
                try? input.close()
            }
            writer.start()
        }
        guard let status = await child.wait(timeout: timeout) else {
            await child.kill()
            throw Failure(description: "\(product) \(arguments.joined(separator: " ")) did not end within \(Int(timeout)) s")
        }
        return Result(
            status: status, stdout: String(decoding: child.stdout, as: UTF8.self),
            stderr: String(decoding: child.stderr, as: UTF8.self))
    }
}
