import FlowModel
import HubbleAPI

/// The event type names of `-t/--type TYPE[:SUB]` (`protocol.md` §6.5) and their sub-type names.
public enum EventTypeNames {
    public static let types: [(name: String, code: Int32)] = [
        ("drop", MonitorEvent.drop), ("debug", MonitorEvent.debug), ("capture", MonitorEvent.capture),
        ("trace", MonitorEvent.trace), ("policy-verdict", MonitorEvent.policyVerdict),
        ("trace-sock", MonitorEvent.traceSock), ("l7", MonitorEvent.accessLog), ("agent", MonitorEvent.agent),
    ]

    /// Agent notification names by sub-type.
    public static let agentSubTypes = [
        "unspecified", "message", "agent-started", "endpoint-regenerate-success", "endpoint-regenerate-failure",
        "policy-updated", "policy-deleted", "endpoint-created", "endpoint-deleted", "ipcache-upserted",
        "ipcache-deleted",
    ]

    public static func code(ofType name: String) -> Int32? {
        types.first { $0.name == name }?.code
    }

    /// The sub-type code of a name, for the types that name their sub-types.
    public static func subTypeCode(_ name: String, type: Int32) -> Int32? {
        switch type {
        case MonitorEvent.trace: MonitorEvent.tracePointNames.firstIndex(of: name).map(Int32.init)
        case MonitorEvent.agent: agentSubTypes.firstIndex(of: name).map(Int32.init)
        default: nil
        }
    }

    /// `drop`, `4`, `trace:to-endpoint`, `trace:3`.
    static func filter(_ value: String) throws(HubbleFilterBuilder.FlagValueError) -> Flow_EventTypeFilter {
        let parts = value.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let typeName = String(parts[0])
        var filter = Flow_EventTypeFilter()
        if let code = code(ofType: typeName) {
            filter.type = code
        } else {
            switch GoNumber.parseUnsigned(typeName, bits: 32) {
            case .success(let n): filter.type = Int32(truncatingIfNeeded: n)
            case .failure(let error):
                throw .init("unable to parse type '\(typeName)', not a known type name and unable to parse as numeric value: \(error)")
            }
        }
        if parts.count == 2 {
            let subName = String(parts[1])
            filter.matchSubType = true
            if let code = subTypeCode(subName, type: filter.type) {
                filter.subType = code
            } else {
                switch GoNumber.parseUnsigned(subName, bits: 32) {
                case .success(let n): filter.subType = Int32(truncatingIfNeeded: n)
                case .failure(let error):
                    throw .init("unable to parse event sub-type '\(subName)', not a known sub-type name and unable to parse as numeric value: \(error)")
                }
            }
        }
        return filter
    }
}
