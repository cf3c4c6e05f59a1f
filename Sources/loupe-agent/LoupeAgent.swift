import ArgumentParser
import BuildInfo
import FlowOutput

@main
struct LoupeAgent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe-agent",
        abstract: "The loupe node agent: serve the Hubble API from a simulated cluster or a capture, check scenarios, explain NetworkPolicies.",
        version: BuildInfo.text(program: "loupe-agent"),
        subcommands: [ServeCommand.self, ScenarioCommand.self, PolicyCommand.self, VersionCommand.self]
    )

    /// Runs the command: a bad scenario or argument exits 2 with its message, as loupe does.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            // Leave now: background event loops and signal sources must not keep the process alive.
            exit(withError: nil)
        } catch let error as AgentUsageError {
            OutputSink.printError("loupe-agent: \(error.message)")
            exit(withError: ExitCode(2))
        } catch let error as AgentRuntimeError {
            OutputSink.printError("loupe-agent: \(error.message)")
            exit(withError: ExitCode(1))
        } catch is OutputSink.Closed {
            exit(withError: ExitCode.success)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                OutputSink.printError(fullMessage(for: error))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}

/// A usage problem: a bad flag value, scenario or policy file (exit status 2).
struct AgentUsageError: Error {
    var message: String
}
