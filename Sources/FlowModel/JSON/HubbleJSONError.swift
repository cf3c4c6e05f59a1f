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

    public var description: String { "\(message) (at byte \(offset + 1))" }
}
