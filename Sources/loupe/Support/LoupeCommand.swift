import ArgumentParser
import LoupeCommands

/// A subcommand of loupe: it runs in a context (the command line it was parsed from, the
/// environment, where output goes) that `Loupe.run` hands it, so that a test can run it in process.
protocol LoupeCommand: AsyncParsableCommand {
    func run(in context: CommandContext) async throws
}

extension LoupeCommand {
    /// Run by argument-parser itself: in this process's context.
    func run() async throws {
        try await run(in: .process())
    }
}
