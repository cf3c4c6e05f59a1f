import FlowOutput
import Foundation
import LoupeCommands
import LoupeTestSupport
@testable import loupe

/// Runs a loupe command line inside the test process, as `main` does: parse, run, report. Output
/// goes to files of the test's own, read back when the command returns; the environment is the
/// test's with `environment` over it (no config file unless one is named).
enum InProcessLoupe {
    /// Times print in UTC, as for the programs the other tests start (set once, before any command).
    private static let utc: Void = {
        setenv("TZ", "UTC", 1)
        tzset()
    }()

    /// - Parameter directory: where a relative `--input-file` is read from (the process's working
    ///   directory is shared by every test).
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) async throws -> LoupeProcess.Result {
        _ = utc
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-inprocess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let stdoutPath = folder.appendingPathComponent("stdout").path
        let stderrPath = folder.appendingPathComponent("stderr").path
        let stdout = open(stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let stderr = open(stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard stdout >= 0, stderr >= 0 else { throw LoupeProcess.Failure(description: "cannot open output files in \(folder.path)") }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        env["LOUPE_CONFIG"] = folder.appendingPathComponent("no-config.yaml").path
        for (key, value) in environment { env[key] = value }
        var arguments = arguments
        if let directory, let index = arguments.firstIndex(of: "--input-file"), index + 1 < arguments.count,
            !arguments[index + 1].hasPrefix("/"), arguments[index + 1] != "-"
        {
            arguments[index + 1] = directory.appendingPathComponent(arguments[index + 1]).path
        }
        let context = CommandContext(arguments: arguments, environment: env, output: OutputDestination(stdout: stdout, stderr: stderr))
        let status = await Loupe.run(context)
        close(stdout)
        close(stderr)
        return LoupeProcess.Result(
            status: status.rawValue, stdout: try String(contentsOfFile: stdoutPath, encoding: .utf8),
            stderr: try String(contentsOfFile: stderrPath, encoding: .utf8))
    }
}
