/// Why flows could not be read from a file or standard input.
public enum FlowInputError: Error, CustomStringConvertible, Sendable {
    case openFailed(path: String, reason: String)
    case readFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .openFailed(let path, let reason): "cannot open \(path): \(reason)"
        case .readFailed(let path, let reason): "cannot read \(path): \(reason)"
        }
    }
}

/// A line of input that could not be used; the rest of the input is still read.
public struct InputProblem: Sendable, CustomStringConvertible {
    /// The file name as given, or `<stdin>`.
    public var source: String
    public var line: Int
    public var reason: String

    public var description: String { "\(source):\(line): \(reason)" }
}
