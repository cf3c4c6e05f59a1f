import FlowModel
import HubbleAPI
import SwiftProtobuf

/// Which records of a stream to keep: a time window and a count, as `--since`, `--until`, `--first`,
/// `--last` and `--all` select them.
public struct FlowSelection: Sendable, Equatable {
    /// How many records to keep.
    public enum Count: Sendable, Equatable {
        /// Every record.
        case all
        /// The first N records, then stop.
        case first(UInt64)
        /// The last N records.
        case last(UInt64)
    }

    public var count: Count = .all
    /// Inclusive bounds on the envelope time.
    public var since: Google_Protobuf_Timestamp?
    public var until: Google_Protobuf_Timestamp?

    /// The most `--last` keeps from a file, as in the reference.
    public static let maxLast: UInt64 = 1_000_000

    public init(count: Count = .all, since: Google_Protobuf_Timestamp? = nil, until: Google_Protobuf_Timestamp? = nil) {
        self.count = count
        self.since = since
        self.until = until
    }

    /// Whether an envelope's time falls in the window; an envelope without a time counts as the epoch.
    @inline(__always)
    public func admits(time: Google_Protobuf_Timestamp?) -> Bool {
        if since == nil && until == nil { return true }
        let t = time ?? Google_Protobuf_Timestamp()
        if let since, t < since { return false }
        if let until, until < t { return false }
        return true
    }
}
