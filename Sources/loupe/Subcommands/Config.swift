import ArgumentParser
import LoupeCommands

/// `loupe config view`: the settings in effect and where each comes from.
struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the settings from the environment and the config file.",
        discussion: """
            Settings come from flags, then LOUPE_<FLAG> environment variables (HUBBLE_<FLAG> after \
            them, HUBBLE_SERVER among them), then $XDG_CONFIG_HOME/loupe/config.yaml (~/.config when \
            unset; LOUPE_CONFIG names another file), whose keys are the flag names.
            """,
        subcommands: [View.self])

    struct View: LoupeCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the effective settings as config.yaml, each with its origin.")

        func run(in context: CommandContext) async throws {
            try ConfigView.run(context: context)
        }
    }
}
