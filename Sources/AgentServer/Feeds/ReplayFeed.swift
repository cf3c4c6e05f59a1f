import FlowModel
import HubbleAPI
import SwiftProtobuf

/// A captured stream of flows played again, optionally over and over: each pass is shifted so that
/// it follows the previous one by the capture's length plus the mean gap between its flows.
public struct ReplayFeed: FlowFeed {
    let flows: [Flow]
    public let loop: Bool
    var index = 0
    var shift: Int64 = 0
    let period: Int64

    /// - Parameter flows: in file order; flows without a time are played right after the previous.
    public init(flows: [Flow], loop: Bool) {
        var stamped = flows
        var last: Int64 = 0
        for i in stamped.indices {
            if stamped[i].hasTime {
                last = max(last, FlowPacer.nanoseconds(stamped[i].time))
            }
            stamped[i].time = Self.timestamp(last)
        }
        self.flows = stamped
        self.loop = loop
        if let first = stamped.first, let end = stamped.last, stamped.count > 1 {
            let span = FlowPacer.nanoseconds(end.time) - FlowPacer.nanoseconds(first.time)
            period = span + max(1_000_000, span / Int64(stamped.count - 1))
        } else {
            period = 1_000_000_000
        }
    }

    public mutating func next() -> Flow? {
        if index == flows.count {
            guard loop, !flows.isEmpty else { return nil }
            index = 0
            shift += period
        }
        var flow = flows[index]
        index += 1
        if shift != 0 { flow.time = Self.timestamp(FlowPacer.nanoseconds(flow.time) + shift) }
        return flow
    }

    static func timestamp(_ nanoseconds: Int64) -> Google_Protobuf_Timestamp {
        Google_Protobuf_Timestamp(seconds: nanoseconds / 1_000_000_000, nanos: Int32(nanoseconds % 1_000_000_000))
    }
}
