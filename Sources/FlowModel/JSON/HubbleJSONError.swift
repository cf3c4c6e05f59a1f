import HubbleAPI
/// Why a JSON line could not be read, with the byte offset in the line where reading stopped.
public struct HubbleJSONError: Error, Equatable, CustomStringConvertible, Sendable {
    /// What was wrong, in words a user can act on.
    public var message: String
    /// Zero-based byte offset into the input.
    public var offset: Int

    public init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// The message with the 1-based byte position, which an empty line does not need.
    public var description: String { message == Self.emptyLine ? message : "\(message) (at byte \(offset + 1))" }

    /// The message for a line with nothing on it.
    public static let emptyLine = "empty line"
}
