import FlowModel
import HubbleAPI
import SwiftProtobuf

/// Where a source's stream stopped, so that a new stream resumes there without repeating itself.
///
/// It remembers the newest flow time delivered and the flows delivered at that very instant. A
/// resumed stream asks for flows `since` that time; until it passes it, the flows older than that
/// time, and those at it already delivered, are dropped.
struct ResumePoint: Sendable {
    /// The newest flow time delivered (nanoseconds since the epoch).
    private(set) var key: Int64 = .min
    private var atKey: [Flow_Flow] = []
    /// While resuming: the time the new stream must pass, and what was delivered at it.
    private var threshold: Int64 = .min
    private var delivered: [Flow_Flow] = []

    /// Flows at one instant remembered for deduplication, at most.
    static let limit = 1024

    /// The `since` of a resumed request; nil before anything was delivered.
    var since: Google_Protobuf_Timestamp? {
        guard key != .min else { return nil }
        var time = Google_Protobuf_Timestamp()
        time.seconds = key >= 0 ? key / 1_000_000_000 : (key + 1) / 1_000_000_000 - 1
        time.nanos = Int32(key - time.seconds * 1_000_000_000)
        return time
    }

    /// A new stream starts: drop what it repeats.
    mutating func startResuming() {
        threshold = key
        delivered = atKey
    }

    /// Whether a record is new; flows that are get remembered.
    mutating func admit(_ envelope: FlowEnvelope, time known: Int64? = nil) -> Bool {
        guard case .flow(let flow)? = envelope.responseTypes else { return true }
        let time = known ?? envelope.sortKey
        if threshold != .min {
            if time < threshold { return false }
            if time == threshold {
                if delivered.contains(flow) { return false }
            } else {
                threshold = .min
                delivered = []
            }
        }
        if time > key {
            key = time
            atKey.removeAll(keepingCapacity: true)
            atKey.append(flow)
        } else if time == key && atKey.count < Self.limit {
            atKey.append(flow)
        }
        return true
    }
}
