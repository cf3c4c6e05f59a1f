import HubbleAPI
/// Cilium monitor message types (`event_type.type`) and the names of their sub-types.
public enum MonitorEvent {
    public static let drop: Int32 = 1
    public static let debug: Int32 = 2
    public static let capture: Int32 = 3
    public static let trace: Int32 = 4
    public static let policyVerdict: Int32 = 5
    public static let traceSock: Int32 = 7
    public static let accessLog: Int32 = 129
    public static let agent: Int32 = 130

    /// The datapath trace point names by sub-type (0 `to-endpoint` … 13 `to-crypto`).
    public static let tracePointNames = [
        "to-endpoint", "to-proxy", "to-host", "to-stack", "to-overlay", "from-endpoint", "from-proxy", "from-host",
        "from-stack", "from-overlay", "from-network", "to-network", "from-crypto", "to-crypto",
    ]

    /// The name of a trace sub-type, `nil` when the datapath defines none.
    public static func tracePointName(_ subType: UInt8) -> String? {
        subType < tracePointNames.count ? tracePointNames[Int(subType)] : nil
    }

    /// `policy_match_type` names as hubble prints them after `policy-verdict:`.
    public static func policyMatchName(_ matchType: UInt32) -> String {
        switch matchType {
        case 0: "none"
        case 1: "L3-Only"
        case 2: "L3-L4"
        case 3: "L4-Only"
        case 4: "all"
        case 5: "L3-Proto"
        case 6: "Proto-Only"
        default: "unknown"
        }
    }

    /// The short names hubble uses for socket translation points.
    public static func sockXlateName(_ point: Flow_SocketTranslationPoint) -> String {
        switch point.rawValue {
        case 1: "pre-xlate-fwd"
        case 2: "post-xlate-fwd"
        case 3: "pre-xlate-rev"
        case 4: "post-xlate-rev"
        default: point.goName
        }
    }
}
