import ArgumentParser
import LoupeCommands

/// `loupe policy`: from observed traffic to network policies.
struct Policy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "From observed traffic to network policies.",
        subcommands: [PolicySuggest.self, PolicyTestCommand.self])
}
