import ArgumentParser
import BuildInfo

/// `loupe version`: what `--version` prints.
struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the version, the git revision it was built from, the Swift version and the platform.")

    func run() throws {
        print(BuildInfo.text(program: "loupe"))
    }
}
