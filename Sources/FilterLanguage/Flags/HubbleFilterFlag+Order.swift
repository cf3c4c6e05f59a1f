extension HubbleFilterFlag {
    /// The filter flags of `arguments` in the order they were given, each with its value.
    ///
    /// The reference CLI builds its allow and deny lists as it meets the flags (`--not` diverts the
    /// next one; a `--from-*` after a `--to-*` starts a new filter), so the order matters, while a
    /// parser of the command line keeps each option's values apart. This recovers the order from
    /// the arguments and takes the values from the parsed command (`values`), so that what is built
    /// is what was parsed.
    ///
    /// Options take no value that starts with `-` unless it is written `--name=value`, so every
    /// argument that starts with `-` is an option: the flags are found without knowing the command's
    /// other options. A cluster of short options (`-fn echo`) is read letter by letter; a letter that
    /// is not a filter flag is taken for a flag without a value.
    ///
    /// - Parameters:
    ///   - arguments: the command's arguments (anything before the subcommand's name is ignored
    ///     by the caller); `--` ends the options.
    ///   - values: the parsed values of a flag that takes one, in the order given; for a flag
    ///     without a value, one empty string per occurrence.
    /// - Throws: `HubbleFlagError` when the order found does not account for what was parsed.
    public static func ordered(
        in arguments: some Sequence<String>, values: (HubbleFilterFlag) -> [String]
    ) throws(HubbleFlagError) -> [(name: String, value: String)] {
        let occurrences = occurrences(in: arguments)
        var next: [String: Int] = [:]
        var result: [(name: String, value: String)] = []
        result.reserveCapacity(occurrences.count)
        for flag in occurrences {
            let parsed = values(flag)
            let index = next[flag.name, default: 0]
            guard index < parsed.count else { throw HubbleFlagError.unordered(flag.display) }
            next[flag.name] = index + 1
            result.append((flag.name, flag.takesValue ? parsed[index] : ""))
        }
        for flag in all where next[flag.name, default: 0] != values(flag).count {
            throw HubbleFlagError.unordered(flag.display)
        }
        return result
    }

    /// The filter flags named in `arguments`, in order, one entry per occurrence.
    static func occurrences(in arguments: some Sequence<String>) -> [HubbleFilterFlag] {
        var found: [HubbleFilterFlag] = []
        var skipValue = false
        for argument in arguments {
            if skipValue {
                skipValue = false
                continue
            }
            if argument == "--" { break }
            guard argument.hasPrefix("-"), argument.count >= 2 else { continue }
            if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                let equals = body.firstIndex(of: "=")
                guard let flag = named(String(body[..<(equals ?? body.endIndex)])) else { continue }
                found.append(flag)
                skipValue = flag.takesValue && equals == nil
                continue
            }
            // A cluster of short options; a filter flag that takes a value takes the rest of the
            // cluster, or the next argument.
            var letters = argument.dropFirst()
            while let letter = letters.first {
                letters = letters.dropFirst()
                guard let flag = shorthand(letter) else { continue }
                found.append(flag)
                if flag.takesValue {
                    skipValue = letters.isEmpty
                    break
                }
            }
        }
        return found
    }
}
