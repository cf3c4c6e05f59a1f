import GRPCCore
import GRPCNIOTransportHTTP2
import NIOCore
import NIOSSL

/// The HTTP/2 transport to a server address: plaintext (h2c), as Hubble servers speak by default, or
/// TLS and mTLS as `ClientSecurity` says.
public enum ObserverTransport {
    public static func http2(_ address: ServerAddress, security: ClientSecurity = ClientSecurity()) throws -> HTTP2ClientTransport.Posix {
        let target: any ResolvableTarget
        switch address.endpoint {
        case .host(let host, let port):
            if let ipv4 = IPv4Literal(host) {
                target = .ipv4(address: ipv4.text, port: port)
            } else if host.contains(":") {
                target = .ipv6(address: host, port: port)
            } else {
                target = .dns(host: host, port: port)
            }
        case .unix(let path):
            target = .unixDomainSocket(path: path)
        }
        var config = HTTP2ClientTransport.Posix.Config.defaults
        if let name = security.serverName, security.usesTLS(address) {
            // The name verified in the server's certificate and sent as SNI and :authority.
            config.http2.authority = name
        }
        guard security.usesTLS(address) else {
            return try HTTP2ClientTransport.Posix(target: target, transportSecurity: .plaintext, config: config)
        }
        // TLS set up as the flow stream sets it up, so that the server's name is checked the same
        // way on every call (`ClientSecurity.handler(context:for:)`).
        let context = try NIOSSLContext(configuration: security.tlsConfiguration())
        config.channelDebuggingCallbacks.onCreateTCPConnection = { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(security.handler(context: context, for: address), position: .first)
            }
        }
        return try HTTP2ClientTransport.Posix(target: target, transportSecurity: .customSecure, config: config)
    }

    /// A dotted-quad literal (the DNS resolver is not needed for it).
    struct IPv4Literal {
        let text: String
        init?(_ text: String) {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) else { return nil }
            self.text = text
        }
    }
}
