import FlowModel
import HubbleAPI
import SwiftProtobuf

/// The GetFlowsRequest for a selection, as `hubble observe` builds it (`protocol.md` §11.2), with
/// the filters loupe pushes to the server.
public struct FlowRequest: Sendable {
    public var selection: FlowSelection
    public var follow: Bool
    /// Whether `--last`, `--first` or `--all` was given (the default of 20 applies otherwise).
    public var countGiven: Bool
    public var all: Bool
    public var allow: [Flow_FlowFilter] = []
    public var deny: [Flow_FlowFilter] = []
    /// Field-mask paths; empty for every field.
    public var fieldMask: [String] = []
    /// When loupe filters further itself, the server's count would cut the stream short: history is
    /// then read whole and counted here.
    public var countLocally = false

    /// `--last` when nothing else selects a count.
    public static let defaultLast: UInt64 = 20

    public init(selection: FlowSelection, follow: Bool, countGiven: Bool, all: Bool) {
        self.selection = selection
        self.follow = follow
        self.countGiven = countGiven
        self.all = all
    }

    public var message: Observer_GetFlowsRequest {
        var request = Observer_GetFlowsRequest()
        let timeWindow = selection.since != nil || selection.until != nil
        switch selection.count {
        case .first(let n):
            request.first = true
            request.number = countLocally ? 0 : n
        case .last(let n):
            request.number = countLocally && !follow ? 0 : n
        case .all:
            if timeWindow || (follow && !all) {
                request.number = 0
            } else if all {
                request.number = UInt64.max
            } else {
                request.number = countLocally ? 0 : Self.defaultLast
            }
        }
        request.follow = follow
        if let since = selection.since { request.since = since }
        if let until = selection.until, !follow { request.until = until }
        request.whitelist = allow
        request.blacklist = deny
        if !fieldMask.isEmpty {
            var mask = Google_Protobuf_FieldMask()
            mask.paths = fieldMask
            request.fieldMask = mask
        }
        return request
    }

    /// How many of the flows that pass loupe's own filter to keep, when counting locally.
    public var localCount: FlowSelection.Count {
        guard countLocally else { return .all }
        switch selection.count {
        case .first(let n): return .first(n)
        case .last(let n): return follow ? .all : .last(n)
        case .all:
            let timeWindow = selection.since != nil || selection.until != nil
            return all || countGiven || timeWindow || follow ? .all : .last(Self.defaultLast)
        }
    }
}
