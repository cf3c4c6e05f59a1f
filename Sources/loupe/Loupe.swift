import ArgumentParser
import FlowOutput
import Foundation
import LoupeCommands

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
        subcommands: [Observe.self, Top.self, Map.self, Policy.self, Status.self, List.self, Filter.self, Config.self, Version.self]
    )

    static func main() async {
        let context = CommandContext.process()
        // A shell asking for completions: argument-parser answers it (asynchronously, for the
        // namespaces a server knows) and exits.
        if context.arguments.first == "---completion" {
            await Self.main(context.arguments)
        }
        let status = await run(context)
        // Leave now: background event loops and signal sources must not keep the process alive.
        Foundation.exit(status.rawValue)
    }

    /// An argument before any `--` that starts with '-' but holds what no option name does
    /// (`-cp.psh`, `-5m or reply`): an expression argument-parser would take for a cluster of
    /// short options (and `-h` among them for help).
    static func misreadExpression(in arguments: [String]) -> String? {
        let expressionOnly = Set(". (){}~!<>'\"&|".unicodeScalars)
        for argument in arguments {
            if argument == "--" { return nil }
            guard argument.hasPrefix("-"), !argument.hasPrefix("--"), argument.count > 2 else { continue }
            if argument.unicodeScalars.contains(where: { expressionOnly.contains($0) }) { return argument }
        }
        return nil
    }

    /// Parses `context.arguments`, completed with the settings of the environment and the config
    /// file, runs the command, and reports a failure on the context's standard error. Returns the
    /// exit status of `loupe(1)`: 2 for usage, 1 for runtime failures, 0 when the reader closed the
    /// output pipe.
    static func run(_ context: CommandContext) async -> ExitStatus {
        do {
            var resolved = context
            // `hubble observe flows` is `hubble observe`: the same words work here.
            if resolved.arguments.starts(with: ["observe", "flows"]) { resolved.arguments.remove(at: 1) }
            if let expression = misreadExpression(in: resolved.arguments) {
                let words = resolved.arguments.prefix { !$0.hasPrefix("-") }
                throw CLIError.usage("""
                    '\(expression)' starts with '-' and would be read as options; put an expression that \
                    starts with '-' after '--': loupe \((words + ["--", "'\(expression)'"]).joined(separator: " "))
                    """)
            }
            do {
                resolved.arguments = try SettingsResolution.resolve(resolved.arguments, environment: context.environment) {
                    (try? parseAsRoot($0)) != nil
                }
            } catch {
                throw CLIError.usage(error.description)
            }
            var command = try parseAsRoot(resolved.arguments)
            switch command {
            case let command as any LoupeCommand: try await command.run(in: resolved)
            case var command as any AsyncParsableCommand: try await command.run()
            default: try command.run()
            }
            return .success
        } catch let error as CLIError {
            if error.cancelled { return .success }
            context.printError(error.prefixed ? "loupe: \(error.message)" : error.message)
            return error.status
        } catch is OutputSink.Closed {
            return .success
        } catch {
            // argument-parser's own answers: help and the version on stdout, mistakes on stderr.
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                try? context.print(message.isEmpty ? "" : message + "\n")
                return .success
            }
            context.printError(message)
            return code == .validationFailure ? .usage : ExitStatus(rawValue: code.rawValue) ?? .runtime
        }
    }
}
