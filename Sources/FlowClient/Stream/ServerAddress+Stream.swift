extension ServerAddress {
    /// The host name sent as SNI: none for an address literal (TLS does not allow one) or a socket.
    var hostName: String? {
        guard case .host(let host, _) = endpoint else { return nil }
        if ObserverTransport.IPv4Literal(host) != nil || host.contains(":") { return nil }
        return host
    }

    /// The `:authority` of a call: `host:port`, or `localhost` over a Unix socket.
    var authority: String {
        switch endpoint {
        case .host(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unix: "localhost"
        }
    }
}
