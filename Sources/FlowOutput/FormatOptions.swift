/// How records are rendered; the defaults are the reference CLI's.
public struct FormatOptions: Sendable {
    /// SGR colours in compact and dict output.
    public var color = false
    /// Show the flow's node name (compact, dict, table).
    public var printNodeName = false
    /// How times are printed in text formats.
    public var timeLayout = TimeLayout.stampMilli
    /// Show pod, service or DNS names instead of IP addresses (`--numeric` turns it off).
    public var ipTranslation = true
    /// Print every node status event, not only errors and unavailable nodes (`--debug`).
    public var allNodeStatus = false
    /// Discard node status output (`--silent-errors`).
    public var silentErrors = false
    /// Append the deciding policies to policy verdicts (`--print-policy-names`).
    public var printPolicyNames = false
    /// `-o json` prints bare flows (`HUBBLE_COMPAT=legacy-json-output`).
    public var legacyJSON = false

    public init() {}
}
