import DequeModule
import FilterLanguage
import FlowModel
import FlowOutput
import Foundation
import HubbleAPI
import SwiftProtobuf

/// Everything the dashboard shows, changed only by `apply(_:)` and drawn only by `render(size:)`:
/// both pure, so the dashboard is tested without a terminal.
public struct DashboardState: Sendable {
    public enum View: Int, CaseIterable, Sendable {
        case flows = 1, talkers, drops, nodes, map

        public var title: String {
            switch self {
            case .flows: "Flows"
            case .talkers: "Talkers"
            case .drops: "Drops"
            case .nodes: "Nodes"
            case .map: "Map"
            }
        }
    }

    /// A flow kept for the views, numbered in arrival order.
    public struct Stored: Sendable {
        public var sequence: UInt64
        public var flow: Flow
    }

    public var view: View = .flows
    public var size: Size
    public var now: Date
    public var format: FormatOptions
    public var colors: ColorMode

    /// The last `historyLimit` flows: what the views are computed from. Memory is bounded by it.
    public private(set) var history = Deque<Stored>()
    public let historyLimit: Int
    /// Flows received since the start.
    public private(set) var received: UInt64 = 0
    public private(set) var verdictCounts: [Flow_Verdict: UInt64] = [:]
    public private(set) var rate = RateMeter()
    public private(set) var nodeRates: [String: RateMeter] = [:]
    /// Lost events by the node that reported them.
    public private(set) var lost: [String: UInt64] = [:]
    /// The servers read (connections), and the nodes behind them.
    public var servers: [String: ServerState] = [:]
    public var nodes: [String: NodeState] = [:]
    /// Following live: flows stamped before the first batch arrived (the backlog a server sends
    /// first) are not counted in the rates. Set to the start; moved to the first batch's arrival.
    /// Nil counts every flow.
    public var liveSince: Date?
    private var liveStartFixed = false
    /// What "ago" counts from: the clock, or (a capture) the newest flow.
    public var clock: Clock = .wall
    public private(set) var newestFlowTime: Double = 0

    // The flows view: paused at a flow, a selected row (nil follows the newest), and where the
    // selected row sits in the window, counted from the bottom.
    public var pausedAt: UInt64?
    public var selected: UInt64?
    public var selectedFromBottom = 0
    public var showNode = false

    /// The filter in force and its text (the command line's expression at the start).
    public private(set) var filterText: String
    public private(set) var filter: FilterExpression?
    public var filterBar: FilterBar?
    public var filterHistory: [String] = []

    /// The flow whose detail pane is open, and how far it is scrolled.
    public var detail: UInt64?
    public var detailScroll = 0
    public var showHelp = false
    public var talkerSort: TalkerSort = .flows
    /// A short note in the footer (a filter that was applied, a value added to it).
    public var note: String?
    public var quit = false

    public enum TalkerSort: Int, CaseIterable, Sendable {
        case flows, drops, lastSeen, name
    }

    public enum ColorMode: Sendable {
        case color, monochrome
    }

    public enum Clock: Sendable {
        /// Live flows: ages count from now.
        case wall
        /// A capture: ages count from its newest flow, so that a capture of last year reads as it did.
        case data
    }

    /// The moment ages are counted from, in seconds since 1970.
    public var ageReference: Double {
        clock == .data && newestFlowTime > 0 ? newestFlowTime : now.timeIntervalSince1970
    }

    public init(
        size: Size, now: Date, filter: String = "", historyLimit: Int = 10_000, format: FormatOptions = FormatOptions(),
        colors: ColorMode = .color
    ) {
        self.size = size
        self.now = now
        self.historyLimit = max(1, historyLimit)
        self.format = format
        self.colors = colors
        filterText = ""
        if !filter.isEmpty, let compiled = try? FilterExpression(filter, now: Google_Protobuf_Timestamp(date: now)) {
            filterText = filter
            self.filter = compiled
            filterHistory = [filter]
        }
    }

    /// Replaces the filter; the text must compile.
    public mutating func setFilter(_ text: String) throws(FilterDiagnostics) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            filter = nil
            filterText = ""
            return
        }
        filter = try FilterExpression(trimmed, now: Google_Protobuf_Timestamp(date: now))
        filterText = trimmed
        if filterHistory.last != trimmed { filterHistory.append(trimmed) }
    }

    public func matches(_ flow: Flow) -> Bool { filter?.matches(flow) ?? true }

    /// Takes a batch of stream records into the history and the counters.
    mutating func ingest(_ envelopes: [FlowEnvelope]) {
        var flows = 0
        if let since = liveSince, !liveStartFixed, !envelopes.isEmpty {
            liveSince = max(since, now)
            liveStartFixed = true
        }
        for envelope in envelopes {
            switch envelope.responseTypes {
            case .flow(let flow)?:
                received += 1
                history.append(Stored(sequence: received, flow: flow))
                if history.count > historyLimit { history.removeFirst() }
                verdictCounts[flow.verdict, default: 0] += 1
                let time = Self.seconds(flow)
                newestFlowTime = max(newestFlowTime, time)
                // The backlog a server sends first is not traffic of this second.
                let live = liveSince.map { time >= $0.timeIntervalSince1970 - Self.liveSlack } ?? true
                if live { flows += 1 }
                nodeRates[flow.nodeName, default: RateMeter()].record(live ? 1 : 0, at: now)
            case .lostEvents(let event)?:
                // A server's count is untrusted: the total saturates instead of overflowing.
                let (total, overflow) = lost[envelope.nodeName.isEmpty ? "(unknown)" : envelope.nodeName, default: 0]
                    .addingReportingOverflow(event.numEventsLost)
                lost[envelope.nodeName.isEmpty ? "(unknown)" : envelope.nodeName] = overflow ? .max : total
            case .nodeStatus(let status)?:
                for name in status.nodeNames {
                    let change = NodeState(
                        name: name, connection: NodeState.connection(status.stateChange),
                        message: status.message.isEmpty ? nil : status.message)
                    nodes[name] = (nodes[name] ?? NodeState(name: name)).updated(with: change)
                }
            case nil:
                break
            }
        }
        rate.record(flows, at: now)
    }

    mutating func advanceClock(to date: Date) {
        now = date
        rate.advance(to: date)
        for key in nodeRates.keys { nodeRates[key]!.advance(to: date) }
    }

    /// How far before `liveSince` a flow still counts as live (the clocks of nodes differ a little).
    static let liveSlack = 0.25

    mutating func record(_ described: [NodeState]) {
        for node in described {
            nodes[node.name] = (nodes[node.name] ?? NodeState(name: node.name)).updated(with: node)
        }
    }

    mutating func record(_ server: ServerState) {
        var merged = server
        if let old = servers[server.server] {
            merged.numFlows = server.numFlows ?? old.numFlows
            merged.maxFlows = server.maxFlows ?? old.maxFlows
            merged.flowsRate = server.flowsRate ?? old.flowsRate
            merged.version = server.version ?? old.version
        }
        servers[server.server] = merged
    }

    /// The stored flow with this sequence number, if still held.
    public func stored(_ sequence: UInt64) -> Stored? {
        guard let first = history.first?.sequence, sequence >= first else { return nil }
        let index = Int(sequence - first)
        return index < history.count ? history[index] : nil
    }

    /// Flows that pass the filter, newest last, up to the pause point; at most `limit`.
    public func visibleFlows(limit: Int, endingAt end: UInt64? = nil) -> [Stored] {
        var rows: [Stored] = []
        let last = end ?? pausedAt ?? UInt64.max
        var index = history.count - 1
        while index >= 0, rows.count < limit {
            let stored = history[index]
            if stored.sequence <= last, matches(stored.flow) { rows.append(stored) }
            index -= 1
        }
        return rows.reversed()
    }

    /// Flows that arrived (and pass the filter) since the pause.
    public var newWhilePaused: Int {
        guard let pausedAt else { return 0 }
        var count = 0
        var index = history.count - 1
        while index >= 0, history[index].sequence > pausedAt {
            if matches(history[index].flow) { count += 1 }
            index -= 1
        }
        return count
    }
}
