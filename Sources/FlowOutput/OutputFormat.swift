/// The output formats of `observe`, named as the reference CLI names them.
public enum OutputFormat: String, CaseIterable, Sendable {
    case compact
    case dict
    case table
    case jsonpb
    case json

    /// Parses a format name: `compact`, `dict`, `table` or `tab`, `jsonpb`, `json` or `JSON`.
    public init?(name: String) {
        switch name {
        case "compact": self = .compact
        case "dict": self = .dict
        case "table", "tab": self = .table
        case "jsonpb": self = .jsonpb
        case "json", "JSON": self = .json
        default: return nil
        }
    }

    /// Whether records are JSON (no colour, no terminal escaping, no time layout).
    public var isJSON: Bool { self == .json || self == .jsonpb }
}
