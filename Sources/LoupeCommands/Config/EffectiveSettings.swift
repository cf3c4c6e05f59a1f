import Foundation

/// Where each setting's value comes from, flags first, then the environment, then the config
/// file, then the default; and the arguments that carry the environment's and the file's values to
/// the command being run.
package struct EffectiveSettings: Sendable {
    package enum Origin: Sendable, Equatable, CustomStringConvertible {
        case flag
        case environment(String)
        case config(path: String, line: Int)
        case `default`

        package var description: String {
            switch self {
            case .flag: "flag"
            case .environment(let name): "environment \(name)"
            case .config(let path, let line): "config \(path):\(line)"
            case .default: "default"
            }
        }
    }

    package struct Value: Sendable, Equatable {
        package var setting: Setting
        package var values: [String]
        package var origin: Origin
    }

    package var values: [Value]

    package init(arguments: [String], environment: [String: String], config: ConfigFile?) {
        values = Setting.all.map { setting in
            // After `--` everything is positional.
            let options = arguments.prefix { $0 != "--" }
            if options.contains(where: setting.isSet(by:)) {
                return Value(setting: setting, values: [], origin: .flag)
            }
            for name in [setting.environmentName, setting.hubbleEnvironmentName] {
                if let text = environment[name], !text.isEmpty {
                    return Value(setting: setting, values: Self.split(text, for: setting), origin: .environment(name))
                }
            }
            if let config, let entry = config.entries[setting.key] {
                return Value(setting: setting, values: entry.values, origin: .config(path: config.path, line: entry.line))
            }
            return Value(setting: setting, values: [], origin: .default)
        }
    }

    private static func split(_ text: String, for setting: Setting) -> [String] {
        switch setting.kind {
        case .list: text.commaSeparated
        case .flag, .value: [text]
        }
    }

    /// The arguments of one setting from the environment or the file (`--key=value`, or `--key` for
    /// a flag that is on); none when it comes from a flag or the default.
    package static func arguments(for value: Value) -> [String] {
        switch value.origin {
        case .flag, .default: return []
        case .environment, .config: break
        }
        switch value.setting.kind {
        case .flag: return value.values.first.flatMap(Bool.init(yamlText:)) == true ? ["--\(value.setting.key)"] : []
        case .value, .list: return value.values.map { "--\(value.setting.key)=\($0)" }
        }
    }
}
