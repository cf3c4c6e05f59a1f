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

    /// The capture's gaps longer than the largest allowed, and the longest of them (nanoseconds).
    public let shortenedGaps: (count: Int, longest: Int64)

    /// - Parameters:
    ///   - flows: in file order; flows without a time are played right after the previous.
    ///   - maxGap: a pause between two flows longer than this (nanoseconds) is shortened to it, so a
    ///     capture with a long silence (or two captures joined) keeps flowing; nil keeps every gap.
    public init(flows: [Flow], loop: Bool, maxGap: Int64? = 1_000_000_000) {
        var stamped = flows
        var last: Int64?
        var removed: Int64 = 0
        var gaps = (count: 0, longest: Int64(0))
        for i in stamped.indices {
            var time = last.map { Self.saturating($0, plus: removed) } ?? 0
            if stamped[i].hasTime {
                time = FlowPacer.nanoseconds(stamped[i].time)
                if let last, let maxGap {
                    let gap = Self.saturating(time, minus: Self.saturating(last, plus: removed))
                    if gap > maxGap {
                        gaps = (gaps.count + 1, max(gaps.longest, gap))
                        removed = Self.saturating(removed, plus: gap - maxGap)
                    }
                }
            }
            let played = max(last ?? .min, Self.saturating(time, minus: removed))
            stamped[i].time = Self.timestamp(played)
            last = played
        }
        shortenedGaps = gaps
        self.flows = stamped
        self.loop = loop
        if let first = stamped.first, let end = stamped.last, stamped.count > 1 {
            let span = Self.saturating(FlowPacer.nanoseconds(end.time), minus: FlowPacer.nanoseconds(first.time))
            period = Self.saturating(span, plus: max(1_000_000, span / Int64(stamped.count - 1)))
        } else {
            period = 1_000_000_000
        }
    }

    public mutating func next() -> Flow? {
        if index == flows.count {
            guard loop, !flows.isEmpty else { return nil }
            index = 0
            shift = Self.saturating(shift, plus: period)
        }
        var flow = flows[index]
        index += 1
        if shift != 0 { flow.time = Self.timestamp(Self.saturating(FlowPacer.nanoseconds(flow.time), plus: shift)) }
        return flow
    }

    /// Times come from a file: sums and differences saturate instead of trapping.
    static func saturating(_ a: Int64, plus b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? .max : .min) : sum
    }

    static func saturating(_ a: Int64, minus b: Int64) -> Int64 {
        let (difference, overflow) = a.subtractingReportingOverflow(b)
        return overflow ? (b < 0 ? .max : .min) : difference
    }

    static func timestamp(_ nanoseconds: Int64) -> Google_Protobuf_Timestamp {
        Google_Protobuf_Timestamp(seconds: nanoseconds / 1_000_000_000, nanos: Int32(nanoseconds % 1_000_000_000))
    }
}
