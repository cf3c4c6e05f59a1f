import FlowClient
import FlowOutput
import GRPCCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exit statuses of loupe (`spec/cli.md`).
package enum ExitStatus: Int32 {
    case success = 0
    case runtime = 1
    case usage = 2
    case unreachable = 3
    case inputData = 4
}

/// A failure the executable reports on stderr as `loupe: <message>` and exits on with `status`.
package struct CLIError: Error {
    package var message: String
    package var status: ExitStatus
    /// Whether the message is printed after `loupe: ` (diagnostics that show an expression are not).
    package var prefixed = true
    /// The call was cancelled (Ctrl-C): not a failure.
    package var cancelled = false

    package init(message: String, status: ExitStatus, prefixed: Bool = true, cancelled: Bool = false) {
        self.message = message
        self.status = status
        self.prefixed = prefixed
        self.cancelled = cancelled
    }

    package static func usage(_ message: String) -> CLIError { CLIError(message: message, status: .usage) }
    package static func runtime(_ message: String) -> CLIError { CLIError(message: message, status: .runtime) }

    /// A failed call: status 3 when the server could not be reached or refused the credentials, 1
    /// otherwise; the message is
    /// the reference CLI's (`rpc error: code = … desc = …`, or the server's own text for UNKNOWN).
    /// With `debug`, a failure to connect that has a plain reason is followed by the transport's
    /// own words.
    package static func server(_ error: ServerError, debug: Bool = false) -> CLIError {
        // The server's words and the transport's reach the terminal: no control character passes.
        var error = error
        error.message = TerminalEscaper.escapedMessage(error.message)
        error.server = TerminalEscaper.escapedMessage(error.server)
        if error.code == .cancelled {
            return CLIError(message: error.description, status: .success, cancelled: true)
        }
        if error.isUnreachable {
            guard let reason = error.plainReason else {
                return CLIError(message: "cannot reach \(error.server): \(error.description)", status: .unreachable)
            }
            let hint = error.connectHint.map { " (\($0))" } ?? ""
            let details = debug ? "\n  \(error.description)" : ""
            return CLIError(message: "cannot reach \(error.server): \(reason)\(hint)\(details)", status: .unreachable)
        }
        if error.code == .unauthenticated {
            // The server was reached but did not let the client in: cli.md's status 3 ("TLS
            // handshake or authentication failed").
            return CLIError(message: error.description, status: .unreachable)
        }
        return CLIError(message: error.description, status: .runtime)
    }
}

extension CLIError {
    /// Some of several servers failed: `N of M servers failed:` and a line for each; status 3 when
    /// none of them could be reached, 1 otherwise.
    package static func serversFailed(_ lines: [String], of total: Int, noneReached: Bool) -> CLIError {
        CLIError(
            message: "\(lines.count) of \(total) servers failed:\n" + lines.map { "  " + $0 }.joined(separator: "\n"),
            status: noneReached ? .unreachable : .runtime)
    }

    /// The one rule by which the servers of a command decide its exit: none failed, nothing; the
    /// only server failed, its failure (nothing when it was cancelled); some of several failed,
    /// `serversFailed`, with status 3 when none of them could be reached and 1 otherwise.
    package static func failure(of failures: [CLIError], servers total: Int) -> CLIError? {
        guard let first = failures.first else { return nil }
        if total == 1 { return first.cancelled ? nil : first }
        let noneReached = failures.count == total && failures.allSatisfy { $0.status == .unreachable }
        return serversFailed(failures.map(\.message), of: total, noneReached: noneReached)
    }

    /// How the endings of a fan-in decide the exit (see `failure(of:servers:)`); with several
    /// servers, each failure is named with its server.
    package static func failure(of outcome: FanIn.Outcome, names: [String], debug: Bool = false) -> CLIError? {
        var failures: [CLIError] = []
        for (name, ending) in zip(names, outcome.endings) {
            switch ending {
            case .completed: continue
            case .unreachable(let error), .failed(let error):
                var failure = CLIError.server(error, debug: debug)
                if names.count > 1 {
                    failure.message = "\(name): \(error.plainReason ?? error.description)"
                    // The run is "unreachable" only when no server was ever reached.
                    if case .failed = ending { failure.status = .runtime } else { failure.status = .unreachable }
                }
                failures.append(failure)
            }
        }
        return failure(of: failures, servers: names.count)
    }
}
