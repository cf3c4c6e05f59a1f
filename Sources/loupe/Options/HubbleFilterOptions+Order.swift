import FilterLanguage

extension HubbleFilterOptions {
    /// The filter flags in the order they were given, as (long name, value). `arguments` are the
    /// command's arguments after the subcommand name; `valueOptions` names the command's other options
    /// that take a value (long names, and single-letter short names), so that their values are skipped.
    static func orderedFlags(in arguments: [String], valueOptions: Set<String>) -> [(name: String, value: String)] {
        var flags: [(name: String, value: String)] = []
        var i = 0
        func value(inline: Substring?) -> String {
            if let inline { return String(inline) }
            i += 1
            return i < arguments.count ? arguments[i] : ""
        }
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--" { break }
            if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                let name: Substring
                var inline: Substring? = nil
                if let equals = body.firstIndex(of: "=") {
                    name = body[..<equals]
                    inline = body[body.index(after: equals)...]
                } else {
                    name = body
                }
                if let flag = HubbleFilterFlag.named(String(name)) {
                    flags.append((flag.name, flag.takesValue ? value(inline: inline) : ""))
                } else if inline == nil && valueOptions.contains(String(name)) {
                    i += 1
                }
            } else if argument.hasPrefix("-"), argument.count >= 2 {
                let letter = argument[argument.index(after: argument.startIndex)]
                var rest = argument.dropFirst(2)
                if rest.hasPrefix("=") { rest = rest.dropFirst() }
                let inline: Substring? = rest.isEmpty ? nil : rest
                if let flag = HubbleFilterFlag.shorthand(letter) {
                    flags.append((flag.name, flag.takesValue ? value(inline: inline) : ""))
                } else if inline == nil && valueOptions.contains(String(letter)) {
                    i += 1
                }
            }
            i += 1
        }
        return flags
    }
}
