import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2

/// How loupe secures its connections, with the reference CLI's flags: TLS (`--tls` or a `tls://`
/// address), the name to verify, the roots to trust, a client certificate for mTLS, and basic
/// authentication, which is only ever sent over TLS.
public struct ClientSecurity: Sendable, Equatable {
    public var tls = false
    /// The name the server's certificate must carry (and the SNI), when it is not the address's host.
    public var serverName: String?
    /// PEM files of the certificate authorities to trust instead of the system's.
    public var caCertificateFiles: [String] = []
    public var clientCertificateFile: String?
    public var clientKeyFile: String?
    /// Accept any certificate: for tests against self-signed servers, never for production.
    public var allowInsecure = false
    public var basicAuthUsername: String?
    public var basicAuthPassword: String?

    public init() {}

    /// A flag combination that cannot work.
    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Whether `address` is reached over TLS: `--tls`, or a `tls://` address.
    public func usesTLS(_ address: ServerAddress) -> Bool { tls || address.tls }

    /// Checks the flags together: a key without a certificate, basic auth without TLS, files that
    /// cannot be read.
    public func validate(for addresses: [ServerAddress]) throws(Invalid) {
        if (clientCertificateFile == nil) != (clientKeyFile == nil) {
            throw Invalid(description: "--tls-client-cert-file and --tls-client-key-file must be given together")
        }
        if basicAuthUsername != nil || basicAuthPassword != nil {
            guard basicAuthUsername != nil, basicAuthPassword != nil else {
                throw Invalid(description: "--basic-auth-username and --basic-auth-password must be given together")
            }
            if let plain = addresses.first(where: { !usesTLS($0) }) {
                throw Invalid(description: "basic authentication needs TLS, or the password would cross the network in clear: use --tls or tls://\(plain.text)")
            }
        }
        let files = caCertificateFiles + [clientCertificateFile, clientKeyFile].compactMap { $0 }
        for file in files where !FileManager.default.isReadableFile(atPath: file) {
            throw Invalid(description: "cannot read \(file): no such file or not readable")
        }
    }

    /// The metadata sent with every call: the basic authorization header when configured.
    public var metadata: Metadata {
        guard let user = basicAuthUsername, let password = basicAuthPassword else { return [:] }
        let token = Data("\(user):\(password)".utf8).base64EncodedString()
        return ["authorization": "Basic \(token)"]
    }
}
