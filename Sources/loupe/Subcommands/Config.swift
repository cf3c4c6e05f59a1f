import ArgumentParser
import FlowModel
import FlowOutput
import Foundation

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

    struct View: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the effective settings as config.yaml, each with its origin.")

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let path = ConfigFile.defaultPath(environment: environment)
            let config: ConfigFile?
            do {
                config = try ConfigFile.load(path: path)
            } catch {
                throw CLIError.usage(error.description)
            }
            let settings = EffectiveSettings(arguments: [], environment: environment, config: config)
            var sink = OutputSink()
            sink.buffers.stdout.append(contentsOf: Array(Self.text(settings, path: path, found: config != nil).utf8))
            try sink.flush()
        }

        static func text(_ settings: EffectiveSettings, path: String, found: Bool) -> String {
            var lines = ["# flags > environment > \(path)\(found ? "" : " (none)") > defaults"]
            let rows = settings.values.map { value -> (String, String) in
                let shown = value.origin == .default ? [value.setting.defaultText] : value.values
                var text: String
                switch value.setting.kind {
                case .list: text = "[" + shown.filter { !$0.isEmpty }.map(quoted).joined(separator: ", ") + "]"
                case .flag, .value: text = quoted(shown.first ?? "")
                }
                if value.setting.key == "basic-auth-password" && value.origin != .default { text = "\"********\"" }
                return ("\(value.setting.key): \(text)", value.origin.description)
            }
            let width = rows.map(\.0.count).max() ?? 0
            lines += rows.map { $0.0.padding(toLength: width + 2, withPad: " ", startingAt: 0) + "# " + TerminalEscaper.escaped($0.1) }
            return lines.joined(separator: "\n") + "\n"
        }

        /// A YAML scalar: plain when it can be, quoted otherwise.
        static func quoted(_ text: String) -> String {
            let plain = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || "-_./:@".contains($0) }
                && !["true", "false", "yes", "no", "on", "off", "null", "~"].contains(text.lowercased())
            if plain || text == "true" || text == "false" { return TerminalEscaper.escaped(text) }
            return "\"" + TerminalEscaper.escaped(text).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
    }
}
