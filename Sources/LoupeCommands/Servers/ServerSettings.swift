import FlowClient

/// Where a command's flows come from over the network and how: the servers (or the demo agent),
/// the connection's security, the deadline of unary calls, and how several servers are merged.
package struct ServerSettings: Sendable {
    /// Read from an agent running the seed scenario inside loupe instead of `addresses`.
    package var demo: Bool
    package var addresses: [ServerAddress]
    package var security: ClientSecurity
    package var requestTimeout: Duration
    package var merge: FlowMerger.Options
    /// Failures to connect are told with the transport's own words too (`--debug`).
    package var debug = false
    /// Reach Hubble Relay through `kubectl port-forward` instead of `addresses`.
    package var portForward: PortForward?

    package init(
        demo: Bool = false, addresses: [ServerAddress] = [], security: ClientSecurity = ClientSecurity(),
        requestTimeout: Duration = .seconds(12), merge: FlowMerger.Options = FlowMerger.Options()
    ) {
        self.demo = demo
        self.addresses = addresses
        self.security = security
        self.requestTimeout = requestTimeout
        self.merge = merge
    }
}
