import FlowClient
import GRPCCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exit statuses of loupe (`spec/cli.md`).
enum ExitStatus: Int32 {
    case success = 0
    case runtime = 1
    case usage = 2
    case unreachable = 3
    case inputData = 4
}

/// A failure the executable reports on stderr as `loupe: <message>` and exits on with `status`.
struct CLIError: Error {
    var message: String
    var status: ExitStatus
    /// Whether the message is printed after `loupe: ` (diagnostics that show an expression are not).
    var prefixed = true
    /// The call was cancelled (Ctrl-C): not a failure.
    var cancelled = false

    static func usage(_ message: String) -> CLIError { CLIError(message: message, status: .usage) }
    static func runtime(_ message: String) -> CLIError { CLIError(message: message, status: .runtime) }

    /// A failed call: status 3 when the server could not be reached, 1 otherwise; the message is
    /// the reference CLI's (`rpc error: code = … desc = …`, or the server's own text for UNKNOWN).
    static func server(_ error: ServerError) -> CLIError {
        if error.code == .cancelled {
            return CLIError(message: error.description, status: .success, cancelled: true)
        }
        if error.isUnreachable {
            return CLIError(message: "cannot reach \(error.server): \(error.description)", status: .unreachable)
        }
        return CLIError(message: error.description, status: .runtime)
    }
}

extension CLIError {
    /// Some of several servers failed: `N of M servers failed:` and a line for each; status 3 when
    /// none of them could be reached, 1 otherwise.
    static func serversFailed(_ lines: [String], of total: Int, noneReached: Bool) -> CLIError {
        CLIError(
            message: "\(lines.count) of \(total) servers failed:\n" + lines.map { "  " + $0 }.joined(separator: "\n"),
            status: noneReached ? .unreachable : .runtime)
    }
}

func exitProcess(_ status: ExitStatus) -> Never {
    exit(status.rawValue)
}
