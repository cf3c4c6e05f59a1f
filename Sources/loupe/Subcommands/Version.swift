import ArgumentParser
import BuildInfo
import LoupeCommands

/// `loupe version`: what `--version` prints.
struct Version: LoupeCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the version, the git revision it was built from, the Swift version and the platform.")

    func run(in context: CommandContext) async throws {
        try context.print(BuildInfo.text(program: "loupe") + "\n")
    }
}
