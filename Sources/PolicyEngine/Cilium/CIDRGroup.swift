import FlowModel

/// A CiliumCIDRGroup: named external CIDRs that policies refer to by `cidrGroupRef` or select by
/// `cidrGroupSelector` over its labels (and `io.cilium.policy.cidrgroupname/<name>`, which Cilium
/// gives every group).
public struct CIDRGroup: Sendable, Hashable {
    public var name: String
    public var labels: CiliumLabels
    public var cidrs: [IPPrefix]

    public init(name: String, labels: [String: String] = [:], cidrs: [IPPrefix]) {
        self.name = name
        var all = labels
        all["io.cilium.policy.cidrgroupname/\(name)"] = ""
        self.labels = CiliumLabels(["cidrgroup": all])
        self.cidrs = cidrs
    }

    public func contains(_ address: IPAddress) -> Bool { cidrs.contains { $0.contains(address) } }
}
