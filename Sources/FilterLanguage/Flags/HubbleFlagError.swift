import FlowModel
import HubbleAPI

/// A filter flag the reference CLI would refuse, with its message:
/// `invalid argument "BOGUS" for "--verdict" flag: invalid --verdict value: BOGUS`.
public struct HubbleFlagError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }

    static func invalid(_ flag: HubbleFilterFlag, _ value: String, _ message: String) -> HubbleFlagError {
        HubbleFlagError("invalid argument \(GoQuote.quote(value)) for \(GoQuote.quote(flag.display)) flag: \(message)")
    }

    /// The order of the filter flags could not be told from the command line.
    static func unordered(_ display: String) -> HubbleFlagError {
        HubbleFlagError("cannot tell where \(display) stands among the filter flags: give each filter flag as an argument of its own")
    }
}
