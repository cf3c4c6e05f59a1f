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

    static func usage(_ message: String) -> CLIError { CLIError(message: message, status: .usage) }
    static func runtime(_ message: String) -> CLIError { CLIError(message: message, status: .runtime) }
}

func exitProcess(_ status: ExitStatus) -> Never {
    exit(status.rawValue)
}
