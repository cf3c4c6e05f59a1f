import ArgumentParser
import FlowOutput
import Foundation

@main
struct Loupe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe",
        abstract: "Watch and filter the network flows of a Cilium cluster.",
        discussion: """
            loupe reads Hubble flow events (captures in hubble's JSON lines) and prints them exactly as \
            `hubble observe` does, only faster.
            """,
        version: LoupeVersion.text,
        subcommands: [Observe.self, Top.self, Status.self, List.self, Filter.self, Config.self, Version.self]
    )

    /// Runs the command and maps every failure to the exit status of `loupe(1)`: 2 for usage, 1 for
    /// runtime failures, 0 when the reader closed the output pipe.
    static func main() async {
        do {
            let typed = Array(CommandLine.arguments.dropFirst())
            // A shell asking for completions: argument-parser answers it (asynchronously, for the
            // namespaces a server knows) and exits.
            if typed.first == "---completion" {
                await Self.main(typed)
                exitProcess(.success)
            }
            do {
                Invocation.arguments = try Invocation.resolve(typed, environment: ProcessInfo.processInfo.environment)
            } catch {
                throw CLIError.usage(error.description)
            }
            var command = try parseAsRoot(Invocation.arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            // Leave now: background event loops and signal sources must not keep the process alive.
            exitProcess(.success)
        } catch let error as CLIError {
            OutputSink.printError(error.prefixed ? "loupe: \(error.message)" : error.message)
            exitProcess(error.status)
        } catch is OutputSink.Closed {
            exitProcess(.success)
        } catch {
            let code = exitCode(for: error)
            if code == .success || code.rawValue == ExitCode.success.rawValue {
                exit(withError: error)
            }
            if code == .validationFailure {
                OutputSink.printError(fullMessage(for: error))
                exitProcess(.usage)
            }
            exit(withError: error)
        }
    }
}
