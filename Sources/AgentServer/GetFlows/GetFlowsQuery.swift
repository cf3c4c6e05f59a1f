import FilterLanguage
import FlowModel
import HubbleAPI
import SwiftProtobuf

/// One GetFlows call as the reference agent serves it (`protocol.md` §7): the request validated in
/// the server's order, the position in the ring to start from, and, event by event, what to send.
public struct GetFlowsQuery: Sendable {
    public let request: Observer_GetFlowsRequest
    public let filters: FlowFilterSet
    /// Applied after filtering: filters always see the whole flow.
    public let mask: FlowFieldMask
    /// Whether `step` applies the mask; when not, the sender writes flows with it (`MaskedFlowResponse`).
    public var masksFlows = true
    /// Flows sent so far (lost events do not count).
    public private(set) var sent: UInt64 = 0

    /// Why a call fails before anything is streamed, with the gRPC status the reference returns.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public enum Code: Sendable, Equatable { case invalidArgument, unknown }
        public var code: Code
        public var message: String
        public var description: String { message }

        public init(code: Code, message: String) {
            self.code = code
            self.message = message
        }
    }

    /// The most bytes a request's filters (allow and deny lists, encoded) may take.
    public static let maximumFilterBytes = 256 << 10

    public init(_ request: Observer_GetFlowsRequest) throws(Failure) {
        if request.first && request.follow {
            throw Failure(code: .invalidArgument, message: "first cannot be specified with follow")
        }
        // One client's filters are bounded, so that compiling and applying them cannot take the
        // agent from the others (100,000 pod names once delayed everyone's status by 8 s).
        let size = (request.whitelist + request.blacklist).reduce(0) { total, filter in
            total + ((try? filter.serializedBytes() as [UInt8])?.count ?? 0)
        }
        if size > Self.maximumFilterBytes {
            throw Failure(
                code: .invalidArgument,
                message: "the request's filters take \(size) bytes; at most \(Self.maximumFilterBytes) are accepted")
        }
        do {
            filters = try FlowFilterSet(allow: request.whitelist, deny: request.blacklist)
        } catch {
            throw Failure(code: .unknown, message: error.description)
        }
        for (name, has, time) in [("since", request.hasSince, request.since), ("until", request.hasUntil, request.until)]
        where has && !time.isValidTimestamp {
            throw Failure(code: .unknown, message: "invalid \(name) timestamp: \(time.seconds)s \(time.nanos)ns is out of range")
        }
        do {
            mask = try FlowFieldMask(paths: request.hasFieldMask ? request.fieldMask.paths : [])
        } catch {
            throw Failure(code: .unknown, message: "invalid fieldmask")
        }
        self.request = request
    }

    /// Where streaming starts (§7.2).
    public func start(in ring: FlowRing) -> UInt64 {
        if ring.isEmpty { return ring.written }
        if request.first && !request.hasSince { return ring.oldest }
        if request.follow && request.number == 0 && !request.hasSince { return ring.written }
        // Without a count or a since, the walk back below never stops early: it ends at the oldest;
        // nor with a count of at least the entries held (`--all`).
        if (request.number == 0 || request.number >= UInt64(ring.count)) && !request.hasSince { return ring.oldest }
        var position = ring.written
        var matched: UInt64 = 0
        while position > ring.oldest {
            let candidate = position - 1
            guard case .flow(let flow)? = ring[candidate], filters.matches(flow) else {
                position = candidate
                continue
            }
            if request.hasSince {
                if flow.timeIfSet.map({ $0 < request.since }) ?? true { return position }
            } else {
                matched += 1
                if matched == request.number { return candidate }
            }
            position = candidate
        }
        return ring.oldest
    }

    /// What to do with the next event (§7.3).
    public enum Step: Sendable {
        case send(FlowEnvelope)
        /// The flow is sent: as `envelope(for:)` makes it, or written through the mask.
        case sendFlow
        case skip
        /// The stream ends here (OK).
        case end
    }

    /// Whether the count is reached: checked before reading the next event, so trailing lost events
    /// are not sent.
    public var isComplete: Bool { !request.follow && request.number > 0 && sent >= request.number }

    /// Whether every flow from the start is sent as it is (no filter, no time bound): a sender that
    /// keeps flows' encodings can send them without looking at the flows (`countSent`).
    public var sendsEveryFlow: Bool { filters.isEmpty && !request.hasSince && !request.hasUntil }

    /// Flows still to send before the count is reached; `nil` without a count.
    public var remaining: UInt64? {
        !request.follow && request.number > 0 ? request.number - min(sent, request.number) : nil
    }

    /// Counts flows sent without `step`, when the query `sendsEveryFlow`.
    public mutating func countSent(_ count: UInt64) {
        sent += count
    }

    public mutating func step(_ event: RingEvent, nodeName: String) -> Step {
        if isComplete { return .end }
        switch event {
        case .lost(let lost, let time):
            var envelope = FlowEnvelope()
            envelope.lostEvents = lost
            envelope.time = time
            envelope.nodeName = nodeName
            return .send(envelope)
        case .flow(let flow):
            if request.hasUntil || request.hasSince {
                let time = flow.timeIfSet
                if request.hasUntil, let time, request.until < time { return .end }
                if request.hasSince, time.map({ $0 < request.since }) ?? true { return .skip }
            }
            if !filters.isEmpty, !filters.matches(flow) { return .skip }
            sent += 1
            return .sendFlow
        }
    }

    /// The response for a flow `step` sends.
    public func envelope(for flow: Flow) -> FlowEnvelope {
        FlowEnvelope(flow: masksFlows ? mask.apply(to: flow) : flow)
    }

    /// The answer to a call without `follow` over the ring as it is: every response, in order.
    public mutating func history(in ring: FlowRing, nodeName: String) -> [FlowEnvelope] {
        var responses: [FlowEnvelope] = []
        var position = start(in: ring)
        while position < ring.written, let event = ring[position] {
            switch step(event, nodeName: nodeName) {
            case .send(let envelope): responses.append(envelope)
            case .sendFlow: if case .flow(let flow) = event { responses.append(envelope(for: flow)) }
            case .skip: break
            case .end: return responses
            }
            if isComplete { return responses }
            position += 1
        }
        return responses
    }
}
