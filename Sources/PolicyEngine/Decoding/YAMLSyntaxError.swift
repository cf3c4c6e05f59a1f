import Yams

/// A YAML syntax error as `FILE:LINE: what` says it: the line of the problem and the problem alone,
/// never the whole document Yams attaches as context.
enum YAMLSyntaxError {
    static func decodingError(_ error: any Error, yaml: String, file: String) -> PolicyDecodingError {
        guard let yamlError = error as? YamlError else {
            return PolicyDecodingError(file: file, line: nil, path: "", message: "not valid YAML: \(error)")
        }
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return PolicyDecodingError(file: file, line: mark.line, path: "", message: "not valid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let line = duplicateLine(of: key, after: context.mark, in: yaml)
            let more = duplicates.count > 1 ? " (and \(duplicates.dropFirst().map { "'\($0)'" }.joined(separator: ", ")))" : ""
            return PolicyDecodingError(
                file: file, line: line, path: "", message: "key '\(key)'\(more) appears twice in the same mapping (first on line \(context.mark.line))")
        default:
            return PolicyDecodingError(file: file, line: nil, path: "", message: "not valid YAML: \(yamlError)")
        }
    }

    /// The line of the second `key:` at the first one's column, after its line; the first's line when
    /// it cannot be found.
    static func duplicateLine(of key: String, after mark: Mark, in yaml: String) -> Int {
        // Lines as YAML counts them: a carriage return alone ends one too (and NEL, LS, PS).
        let lines = yaml.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard mark.line >= 1, mark.line < lines.count else { return mark.line }
        for index in mark.line..<lines.count {
            let line = lines[index]
            let column = max(0, mark.column - 1)
            guard line.count > column else { continue }
            let rest = line.dropFirst(column)
            if rest.hasPrefix(key + ":") || rest.hasPrefix("\"\(key)\":") || rest.hasPrefix("'\(key)':") { return index + 1 }
        }
        return mark.line
    }
}

extension PolicyDecodingError {
    /// A YAML syntax error of `file` (see `YAMLSyntaxError`).
    public static func yamlSyntax(_ error: any Error, yaml: String, file: String) -> PolicyDecodingError {
        YAMLSyntaxError.decodingError(error, yaml: yaml, file: file)
    }
}
