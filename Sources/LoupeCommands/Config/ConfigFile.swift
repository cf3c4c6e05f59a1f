import Foundation
import Yams

/// `$XDG_CONFIG_HOME/loupe/config.yaml` (or `~/.config/loupe/config.yaml`): settings by flag name,
/// as the reference CLI's config.yaml has them.
///
///     server: relay.example.com:443
///     tls: true
///     tls-ca-cert-files: [/etc/loupe/ca.pem]
///     output: dict
package struct ConfigFile: Sendable {
    package struct Entry: Sendable, Equatable {
        package var values: [String]
        package var line: Int
    }

    /// A mistake in the file, with where it is.
    package struct Invalid: Error, Sendable, CustomStringConvertible {
        package var path: String
        package var line: Int?
        package var key: String?
        package var reason: String
        package var description: String {
            var text = path
            if let line { text += ":\(line)" }
            text += ": "
            if let key { text += "\(key): " }
            return text + reason
        }
    }

    package var path: String
    package var entries: [String: Entry]

    /// Where the file is looked for.
    package static func defaultPath(environment: [String: String]) -> String {
        if let explicit = environment["LOUPE_CONFIG"], !explicit.isEmpty { return explicit }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return base + "/loupe/config.yaml"
    }

    /// The file at `path`, or nil when there is none.
    package static func load(path: String) throws(Invalid) -> ConfigFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Invalid(path: path, reason: "cannot be read")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    package static func parse(_ text: String, path: String) throws(Invalid) -> ConfigFile {
        try checkDuplicates(text, path: path)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Invalid(path: path, line: Self.line(of: error), reason: Self.reason(of: error))
        } catch {
            throw Invalid(path: path, reason: "\(error)")
        }
        guard let root else { return ConfigFile(path: path, entries: [:]) }
        guard let mapping = root.mapping else {
            throw Invalid(path: path, line: root.mark.map { $0.line }, reason: "expected settings as `key: value` lines")
        }
        var entries: [String: Entry] = [:]
        for (keyNode, valueNode) in mapping {
            let line = keyNode.mark?.line ?? 0
            guard let key = keyNode.string else { throw Invalid(path: path, line: line, reason: "a key must be a flag name") }
            guard let setting = Setting.named(key) else {
                let known = Setting.all.map(\.key).joined(separator: ", ")
                throw Invalid(path: path, line: line, key: key, reason: "unknown setting (known: \(known))")
            }
            if entries[key] != nil { throw Invalid(path: path, line: line, key: key, reason: "given twice") }
            entries[key] = Entry(values: try values(of: valueNode, for: setting, path: path, line: line), line: line)
        }
        return ConfigFile(path: path, entries: entries)
    }

    /// A key given twice, found before the YAML parser (which names no line for it) does.
    private static func checkDuplicates(_ text: String, path: String) throws(Invalid) {
        var seen = Set<Substring>()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let first = line.first, first.isLetter, let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon]
            guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { continue }
            if !seen.insert(key).inserted { throw Invalid(path: path, line: index + 1, key: String(key), reason: "given twice") }
        }
    }

    private static func values(of node: Node, for setting: Setting, path: String, line: Int) throws(Invalid) -> [String] {
        switch setting.kind {
        case .flag:
            guard let text = node.scalar?.string, let value = Bool(yamlText: text) else {
                throw Invalid(path: path, line: line, key: setting.key, reason: "expected true or false")
            }
            return [value ? "true" : "false"]
        case .value:
            guard let text = node.scalar?.string, !text.isEmpty else {
                throw Invalid(path: path, line: line, key: setting.key, reason: "expected one value")
            }
            return [text]
        case .list:
            if let text = node.scalar?.string {
                return text.commaSeparated
            }
            guard let sequence = node.sequence else {
                throw Invalid(path: path, line: line, key: setting.key, reason: "expected a value or a list of values")
            }
            var result: [String] = []
            for item in sequence {
                guard let text = item.scalar?.string else {
                    throw Invalid(path: path, line: item.mark?.line ?? line, key: setting.key, reason: "expected a list of values")
                }
                result.append(text)
            }
            return result
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): mark.line
        default: nil
        }
    }

    private static func reason(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _): "not valid YAML: \(problem)"
        default: "not valid YAML: \(error)"
        }
    }
}

extension Bool {
    /// YAML's and the environment's spellings of a boolean.
    package init?(yamlText text: String) {
        switch text.lowercased() {
        case "true", "yes", "on", "1": self = true
        case "false", "no", "off", "0": self = false
        default: return nil
        }
    }
}
