import FlowModel

/// A filter flag the reference CLI would refuse, with its message:
/// `invalid argument "BOGUS" for "--verdict" flag: invalid --verdict value: BOGUS`.
public struct HubbleFlagError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }

    static func invalid(_ flag: HubbleFilterFlag, _ value: String, _ message: String) -> HubbleFlagError {
        HubbleFlagError("invalid argument \(GoQuote.quote(value)) for \(GoQuote.quote(flag.display)) flag: \(message)")
    }
}
