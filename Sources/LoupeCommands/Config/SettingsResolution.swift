/// Completes a command line with the settings of the environment and the config file.
package enum SettingsResolution {
    /// `typed` followed by the settings of `environment` and the config file that the command has:
    /// each is tried with `accepts` (the command's own parser), so that `status` does not get
    /// `--output`. Asking for help, completions or the version reads no settings (and no file).
    package static func resolve(
        _ typed: [String], environment: [String: String], accepts: ([String]) -> Bool
    ) throws(ConfigFile.Invalid) -> [String] {
        if typed.contains(where: { $0 == "--help" || $0 == "-h" || $0.hasPrefix("---") || $0 == "--version" || $0.hasPrefix("--generate-completion") }) {
            return typed
        }
        if typed.first == "config" { return typed }
        let config = try ConfigFile.load(path: ConfigFile.defaultPath(environment: environment))
        let settings = EffectiveSettings(arguments: typed, environment: environment, config: config)
        var resolved = typed
        let terminator = typed.firstIndex(of: "--") ?? typed.endIndex
        let command = typed.first { !$0.hasPrefix("-") } ?? ""
        for value in settings.values {
            if let commands = value.setting.commands, !commands.contains(command) { continue }
            let extra = EffectiveSettings.arguments(for: value)
            guard !extra.isEmpty else { continue }
            var candidate = resolved
            candidate.insert(contentsOf: extra, at: min(terminator + (candidate.count - typed.count), candidate.count))
            // Only what this command knows (and only when what was typed parses at all).
            if accepts(candidate) { resolved = candidate }
        }
        return resolved
    }
}
