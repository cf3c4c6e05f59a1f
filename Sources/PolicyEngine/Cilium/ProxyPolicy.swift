/// What Cilium's L7 proxy permits on a connection that policy redirected to it: the union of the
/// `rules.http` and `rules.dns` of every rule allowing the connection. A rule that allows the same
/// connection without L7 rules allows every request (Cilium merges rules per peer and port; a rule
/// without L7 rules is a wildcard there). A request nothing permits is answered by the proxy, not
/// dropped: HTTP 403 "Access denied", DNS REFUSED.
public struct ProxyPolicy: Sendable, Hashable {
    public var http: [Grant<HTTPRule>] = []
    public var dns: [Grant<DNSNamePattern>] = []
    /// TLS server names (`serverNames`): a connection with another name (or none) is reset by the proxy.
    public var serverNames: [Grant<DNSNamePattern>] = []
    /// The allowing rules without L7 rules, which permit every request.
    public var wildcards: [RuleReference] = []

    public init() {}

    public struct Grant<Rule: Sendable & Hashable>: Sendable, Hashable {
        public var rule: Rule
        public var reference: RuleReference
    }

    /// Whether the proxy parses HTTP (an `http` rule applies) or DNS.
    public var parsesHTTP: Bool { !http.isEmpty }
    public var parsesDNS: Bool { !dns.isEmpty }
    public var checksServerNames: Bool { !serverNames.isEmpty }

    /// The rule that admits a TLS connection naming `serverName`, or `nil` (reset by the proxy).
    public func permit(serverName: String?) -> RuleReference? {
        if let wildcard = wildcards.first { return wildcard }
        guard let serverName else { return nil }
        return serverNames.first { $0.rule.matches(serverName) }?.reference
    }

    /// The rule that permits `request`, or `nil` when none does (403).
    public func permit(_ request: HTTPRequest) -> RuleReference? {
        if let wildcard = wildcards.first { return wildcard }
        if let grant = http.first(where: { $0.rule.allows(request) }) { return grant.reference }
        return nil
    }

    /// The rule that permits a query for `name`, or `nil` when none does (REFUSED).
    public func permit(dnsQuery name: String) -> RuleReference? {
        if let wildcard = wildcards.first { return wildcard }
        if let grant = dns.first(where: { $0.rule.matches(name) }) { return grant.reference }
        return nil
    }
}
