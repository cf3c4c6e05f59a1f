import ArgumentParser
import BuildInfo

/// `loupe-agent version`: what `--version` prints.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Show the version, the git revision it was built from, the Swift version and the platform.")

    func run() throws {
        print(BuildInfo.text(program: "loupe-agent"))
    }
}
