/// Where a Hubble server listens, as `--server` takes it: `host:port`, `[v6]:port`, `tls://host:port`,
/// `unix:///path`. A host without a port gets gRPC's default, 443.
public struct ServerAddress: Sendable, Hashable, CustomStringConvertible {
    public enum Endpoint: Sendable, Hashable {
        case host(String, port: Int)
        case unix(path: String)
    }

    public var endpoint: Endpoint
    /// A `tls://` prefix asks for TLS.
    public var tls: Bool
    /// As the user wrote it.
    public var text: String

    public static let defaultServer = "localhost:4245"

    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public var text: String
        public var reason: String
        public var description: String { "invalid server address \"\(text)\": \(reason)" }
    }

    /// - Parameter listening: an address to listen on, where port 0 asks for any free port.
    public static func parse(_ text: String, listening: Bool = false) throws(Invalid) -> ServerAddress {
        var rest = Substring(text)
        var tls = false
        if rest.hasPrefix("tls://") {
            tls = true
            rest = rest.dropFirst(6)
        }
        if rest.hasPrefix("unix://") {
            let path = rest.dropFirst(7)
            guard !path.isEmpty else { throw Invalid(text: text, reason: "unix:// needs a socket path, as in unix:///var/run/cilium/hubble.sock") }
            return ServerAddress(endpoint: .unix(path: String(path)), tls: tls, text: text)
        }
        if rest.hasPrefix("dns:///") { rest = rest.dropFirst(7) }
        if let scheme = rest.firstRange(of: "://") {
            throw Invalid(text: text, reason: "unknown scheme \"\(rest[..<scheme.lowerBound])\": use host:port, tls://host:port or unix:///path")
        }
        let host: Substring
        var portText: Substring? = nil
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw Invalid(text: text, reason: "missing ']' in IPv6 address") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw Invalid(text: text, reason: "expected ':port' after ']'") }
                portText = after.dropFirst()
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
            if host.contains(":") { throw Invalid(text: text, reason: "write IPv6 addresses in brackets: [::1]:4245") }
        } else {
            host = rest
        }
        guard !host.isEmpty else { throw Invalid(text: text, reason: "missing host") }
        var port = 443
        if let portText {
            guard let value = Int(portText), ((listening ? 0 : 1)...65535).contains(value) else {
                throw Invalid(text: text, reason: "port \"\(portText)\" is not a number from \(listening ? 0 : 1) to 65535")
            }
            port = value
        }
        return ServerAddress(endpoint: .host(String(host), port: port), tls: tls, text: text)
    }

    public var description: String { text }
}
