import Foundation

/// A setting that can come from a flag, the environment (`LOUPE_<KEY>`, then `HUBBLE_<KEY>`) or the
/// config file (`<key>:`), in that order of precedence.
package struct Setting: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        /// `--key` or nothing (`true`/`false` in the environment and the config file).
        case flag
        /// `--key VALUE`.
        case value
        /// `--key VALUE`, repeatable; comma-separated in the environment, a YAML list in the file.
        case list
    }

    /// The long flag name, also the config file's key.
    package var key: String
    package var kind: Kind
    /// What applies when nothing sets it, as shown by `loupe config view`.
    package var defaultText: String
    /// Other spellings on the command line (`-o`).
    package var aliases: [String] = []
    /// The commands it is given to (nil: every command that has the flag). `output: dict` is for
    /// observe, not for `list nodes`, whose --output means something else.
    package var commands: Set<String>? = nil

    /// `LOUPE_TLS_SERVER_NAME` for `tls-server-name`.
    package var environmentName: String { "LOUPE_" + key.uppercased().replacingOccurrences(of: "-", with: "_") }
    /// The reference CLI's variable, honoured after loupe's own.
    package var hubbleEnvironmentName: String { "HUBBLE_" + key.uppercased().replacingOccurrences(of: "-", with: "_") }

    /// Whether `argument` sets this setting on the command line.
    package func isSet(by argument: String) -> Bool {
        let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
        return name == "--" + key || aliases.contains(name)
    }

    /// Every setting loupe reads from the environment and the config file. The filter flags are not
    /// among them: a forgotten variable would hide flows without a word.
    package static let all: [Setting] = [
        Setting(key: "server", kind: .list, defaultText: "localhost:4245"),
        Setting(key: "request-timeout", kind: .value, defaultText: "12s"),
        Setting(key: "tls", kind: .flag, defaultText: "false"),
        Setting(key: "tls-server-name", kind: .value, defaultText: ""),
        Setting(key: "tls-ca-cert-files", kind: .list, defaultText: ""),
        Setting(key: "tls-client-cert-file", kind: .value, defaultText: ""),
        Setting(key: "tls-client-key-file", kind: .value, defaultText: ""),
        Setting(key: "tls-allow-insecure", kind: .flag, defaultText: "false"),
        Setting(key: "basic-auth-username", kind: .value, defaultText: ""),
        Setting(key: "basic-auth-password", kind: .value, defaultText: ""),
        Setting(key: "merge-window", kind: .value, defaultText: "1024"),
        Setting(key: "merge-delay", kind: .value, defaultText: "100ms"),
        Setting(key: "output", kind: .value, defaultText: "compact", aliases: ["-o"], commands: ["observe", "top"]),
        Setting(key: "color", kind: .value, defaultText: "auto", commands: ["observe", "top"]),
        Setting(key: "time-format", kind: .value, defaultText: "StampMilli", commands: ["observe", "top"]),
        Setting(key: "print-node-name", kind: .flag, defaultText: "false", commands: ["observe", "top"]),
        Setting(key: "monochrome", kind: .flag, defaultText: "false", commands: ["top"]),
    ]

    package static func named(_ key: String) -> Setting? { all.first { $0.key == key } }
}

extension String {
    /// `a, b,c` as `["a", "b", "c"]`: how lists are written in a flag, a variable or the config file.
    package var commaSeparated: [String] {
        split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
