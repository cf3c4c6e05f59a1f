import ArgumentParser
import FlowOutput

@main
struct LoupeAgent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe-agent",
        abstract: "The loupe node agent: check simulated clusters (scenarios) and ask their NetworkPolicies who can talk to what.",
        version: "0.1.0",
        subcommands: [ScenarioCommand.self, PolicyCommand.self]
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
        } catch let error as AgentUsageError {
            OutputSink.printError("loupe-agent: \(error.message)")
            exit(withError: ExitCode(2))
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
