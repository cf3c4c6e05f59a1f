import FlowModel
import Foundation
import HubbleAPI
import SwiftProtobuf

/// Publishes a feed's flows into a hub as they fall due: a flow stamped `t` is published when
/// `(t - first) / speed` has passed since the pacer started. Flows already due at the start (a
/// simulation started in the past, to fill the ring) are published at once.
public struct FlowPacer: Sendable {
    public let hub: FlowHub
    /// How much faster than the stamps to play (replay `--speed`).
    public var speed: Double
    /// Replays re-stamp each flow with the wall-clock time it is published at, so `--since` and
    /// `--follow` behave as with a live agent, and a looped capture stays in time order.
    public var restamp: Bool
    /// The largest batch handed to the hub at once.
    public var batchSize = 2048
    /// Whether the feed's stamps are wall-clock times (a simulation started in the past to fill the
    /// ring), rather than times relative to the first flow (a capture).
    public var wallClock = false
    /// Called once, when every flow due at the start is in the hub.
    public var onCaughtUp: (@Sendable () -> Void)?

    public init(hub: FlowHub, speed: Double = 1, restamp: Bool = false, wallClock: Bool = false) {
        self.hub = hub
        self.speed = speed
        self.restamp = restamp
        self.wallClock = wallClock
    }

    /// Runs until the feed ends or the task is cancelled.
    public func run(_ feed: inout some FlowFeed) async {
        guard var pending = feed.next() else {
            onCaughtUp?()
            return
        }
        let realStart = Date()
        let virtualStart = wallClock ? Int64(realStart.timeIntervalSince1970 * 1e9) : Self.nanoseconds(pending.time)
        var batch: [RingEvent] = []
        batch.reserveCapacity(batchSize)
        var reportedCaughtUp = false
        while !Task.isCancelled && !hub.isClosed {
            let elapsed = Date().timeIntervalSince(realStart)
            let virtualNow = virtualStart + Int64(elapsed * speed * 1e9)
            var exhausted = false
            while Self.nanoseconds(pending.time) <= virtualNow {
                if restamp {
                    let due = Double(Self.nanoseconds(pending.time) - virtualStart) / speed / 1e9
                    pending.time = Google_Protobuf_Timestamp(date: realStart.addingTimeInterval(due))
                }
                batch.append(.flow(pending))
                if batch.count >= batchSize {
                    hub.publish(batch)
                    batch.removeAll(keepingCapacity: true)
                }
                guard let next = feed.next() else {
                    exhausted = true
                    break
                }
                pending = next
            }
            hub.publish(batch)
            batch.removeAll(keepingCapacity: true)
            if let caughtUp = onCaughtUp, !reportedCaughtUp {
                reportedCaughtUp = true
                caughtUp()
            }
            if exhausted { return }
            let wait = Double(Self.nanoseconds(pending.time) - virtualNow) / speed / 1e9
            try? await Task.sleep(for: .seconds(min(0.05, max(0.001, wait))))
        }
    }

    /// Nanoseconds since the epoch, saturated: a capture's time after 2262 or before 1677 does not
    /// fit and is taken as the last or first representable instant.
    static func nanoseconds(_ time: Google_Protobuf_Timestamp) -> Int64 {
        let (scaled, overflow) = time.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return time.seconds < 0 ? .min : .max }
        let (sum, carry) = scaled.addingReportingOverflow(Int64(time.nanos))
        if carry { return time.nanos < 0 ? .min : .max }
        return sum
    }
}
