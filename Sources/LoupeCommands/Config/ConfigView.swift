import FlowOutput
import Foundation

/// What `loupe config view` prints: the settings in effect as config.yaml, each with its origin.
package enum ConfigView {
    /// Reads the config file of `environment` and prints the settings.
    package static func run(context: CommandContext) throws {
        let path = ConfigFile.defaultPath(environment: context.environment)
        let config: ConfigFile?
        do {
            config = try ConfigFile.load(path: path)
        } catch {
            throw CLIError.usage(error.description)
        }
        let settings = EffectiveSettings(arguments: [], environment: context.environment, config: config)
        try context.print(text(settings, path: path, found: config != nil))
    }

    package static func text(_ settings: EffectiveSettings, path: String, found: Bool) -> String {
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
    package static func quoted(_ text: String) -> String {
        let plain = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || "-_./:@".contains($0) }
            && !["true", "false", "yes", "no", "on", "off", "null", "~"].contains(text.lowercased())
        if plain || text == "true" || text == "false" { return TerminalEscaper.escaped(text) }
        return "\"" + TerminalEscaper.escaped(text).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
