/// Bytes that are not a valid protobuf message.
public enum ProtoDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message ends inside a field.
    case truncated
    /// Something the format does not allow, and where (a byte offset in the innermost message).
    case malformed(String, at: Int)

    public var description: String {
        switch self {
        case .truncated: "the message ends inside a field"
        case .malformed(let what, let offset): "malformed message: \(what) at byte \(offset)"
        }
    }
}
