import FlowModel
import FlowOutput
import Foundation

/// What a command runs with besides its parsed options: the command line it was parsed from, the
/// environment, and where its output goes. A program runs with `process()`; a test runs a command
/// in process with its own environment and files for the output.
package struct CommandContext: Sendable {
    /// The arguments the command was parsed from (those typed, then the settings of the environment
    /// and the config file), without the program's name.
    package var arguments: [String]
    package var environment: [String: String]
    package var output: OutputDestination
    /// Whether standard output is a terminal (colour, the dashboard).
    package var stdoutIsTerminal: Bool

    package init(arguments: [String], environment: [String: String], output: OutputDestination = .standard, stdoutIsTerminal: Bool = false) {
        self.arguments = arguments
        self.environment = environment
        self.output = output
        self.stdoutIsTerminal = stdoutIsTerminal
    }

    /// This process's command line, environment, standard output and standard error.
    package static func process() -> CommandContext {
        CommandContext(
            arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment,
            output: .standard, stdoutIsTerminal: isatty(STDOUT_FILENO) == 1)
    }

    /// The arguments after the subcommand's name (`observe`, `top`): where its options are.
    package func arguments(after command: String) -> ArraySlice<String> {
        guard let index = arguments.firstIndex(of: command) else { return [] }
        return arguments[(index + 1)...]
    }

    /// A buffered writer to this context's output.
    package func sink() -> OutputSink { OutputSink(output) }

    /// Writes `text` to standard output at once.
    package func print(_ text: String) throws {
        var sink = sink()
        sink.buffers.stdout.append(contentsOf: Array(text.utf8))
        try sink.flush()
    }

    /// Writes one line to standard error at once.
    package func printError(_ message: String) {
        OutputSink.printError(message, to: output)
    }
}
