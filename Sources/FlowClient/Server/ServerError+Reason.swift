import Foundation

extension ServerError {
    /// What kept the connection from being made, in words a user can act on, with what to try; nil
    /// when the failure is not one of the common ones (the gRPC status then says it). The transport's
    /// own words (`description`) stay available for `--debug`.
    public var plainReason: String? {
        guard isUnreachable else { return nil }
        let text = message
        // Said already in a user's words (the port forward's own failures).
        if text.hasPrefix("--port-forward") || text.hasPrefix("kubectl port-forward") { return text }
        if text == Self.connectionClosedMessage {
            return "the server closed the connection without answering (if it serves TLS, use tls:// or --tls)"
        }
        if text.hasPrefix("the server does not speak HTTP/2") || text.hasPrefix("the server closed the connection (GOAWAY") { return text }
        if text.contains("Connection refused") {
            return "connection refused: nothing listens there"
        }
        if text.contains("WRONG_VERSION_NUMBER") {
            return "the TLS handshake failed: the server does not speak TLS (leave out --tls and tls://)"
        }
        if let range = text.range(of: "Couldn't find ") {
            let name = text[range.upperBound...].prefix { $0 != " " }
            return "its certificate does not name \(name) (--tls-server-name gives the name the certificate carries)"
        }
        if text.contains("CERTIFICATE_REQUIRED") {
            return "the server requires a client certificate (--tls-client-cert-file and --tls-client-key-file)"
        }
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed") {
            return "its certificate is not signed by an authority loupe trusts (--tls-ca-cert-files)"
        }
        if text.contains("handshakeFailed") || text.contains("SSL routines") {
            return "the TLS handshake failed (see --debug for the details)"
        }
        if text.contains("Name or service not known") || text.contains("nodename nor servname") || text.contains("No address associated") {
            return "the name does not resolve"
        }
        if text.contains("Network is unreachable") || text.contains("No route to host") { return "no route to it" }
        return nil
    }

    /// What to try when nothing answered at the address, told after the reason for a single server.
    public var connectHint: String? {
        guard isUnreachable, message.contains("Connection refused") || message.contains("Name or service not known") else { return nil }
        return "try --server ADDR, -P to forward Hubble Relay with kubectl, or --demo"
    }
}
