import FlowModel

/// One `ingress`, `egress`, `ingressDeny` or `egressDeny` entry: the peers it names (endpoints,
/// CIDRs, entities, services, DNS names; none at all means any peer when ports are given) and the
/// ports. An entry with no peer and no port (`- {}`) selects nothing: it only turns default deny on.
public struct CiliumPeerRule: Sendable, Hashable {
    /// `fromEndpoints`/`toEndpoints`, the policy's namespace already added where Cilium adds it.
    /// `nil`: absent (no peer by endpoint); `[]`: present and empty, which also selects no peer.
    public var endpoints: [EndpointSelector]?
    public var cidrs: [CIDRRule]
    public var entities: [CiliumEntity]
    /// `toServices` by name (a service of the scenario, judged by its backends).
    public var services: [ServiceReference]
    public var fqdns: [DNSNamePattern]
    public var ports: [CiliumPortRule]
    public var icmps: [CiliumPortRule.ICMPType]
    /// `authentication: {mode: test-always-fail}`: the traffic the entry allows is dropped
    /// ("Authentication required", 189) instead.
    public var authenticationFails = false
    /// Whether the manifest gives any L3 field, even an empty list: a field present but empty
    /// selects no peer, where no L3 field at all (with ports) selects every peer.
    public var peersGiven: Bool

    public init(
        endpoints: [EndpointSelector]? = nil, cidrs: [CIDRRule] = [], entities: [CiliumEntity] = [], services: [ServiceReference] = [],
        fqdns: [DNSNamePattern] = [], ports: [CiliumPortRule] = [], icmps: [CiliumPortRule.ICMPType] = [], peersGiven: Bool? = nil
    ) {
        self.endpoints = endpoints
        self.cidrs = cidrs
        self.entities = entities
        self.services = services
        self.fqdns = fqdns
        self.ports = ports
        self.icmps = icmps
        self.peersGiven = peersGiven ?? (endpoints != nil || !cidrs.isEmpty || !entities.isEmpty || !services.isEmpty || !fqdns.isEmpty)
    }

    /// Whether the entry names peers at L3 (else it applies to any peer, if it names ports).
    public var namesPeers: Bool { peersGiven }

    /// Whether the entry names ports or ICMP types.
    public var namesPorts: Bool { !ports.isEmpty || !icmps.isEmpty }

    /// `fromCIDR`/`toCIDR` (no exceptions) and `…CIDRSet` entries: addresses outside the cluster's
    /// endpoints in `cidr` and in no `except`, or in the CIDRs of CiliumCIDRGroups named or selected.
    public struct CIDRRule: Sendable, Hashable {
        public var cidr: IPPrefix?
        public var except: [IPPrefix]
        /// `cidrGroupRef` or `cidrGroupSelector`.
        public var group: GroupReference?

        public enum GroupReference: Sendable, Hashable {
            case name(String)
            case selector(EndpointSelector)
        }

        public init(cidr: IPPrefix, except: [IPPrefix] = []) {
            self.cidr = cidr
            self.except = except
            group = nil
        }

        public init(group: GroupReference) {
            cidr = nil
            except = []
            self.group = group
        }

        public func contains(_ address: IPAddress, groups: [CIDRGroup] = []) -> Bool {
            if let cidr { return cidr.contains(address) && !except.contains { $0.contains(address) } }
            switch group {
            case .name(let name)?: return groups.contains { $0.name == name && $0.contains(address) }
            case .selector(let selector)?: return groups.contains { selector.matches($0.labels) && $0.contains(address) }
            case nil: return false
            }
        }
    }

    /// `toServices[].k8sService`: a service by name, in a namespace or (`nil`) in any.
    public struct ServiceReference: Sendable, Hashable {
        public var name: String
        public var namespace: String?

        public init(name: String, namespace: String?) {
            self.name = name
            self.namespace = namespace
        }
    }
}
