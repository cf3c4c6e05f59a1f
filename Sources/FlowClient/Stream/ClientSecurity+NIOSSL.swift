import FlowModel
import NIOCore
import NIOSSL

extension ClientSecurity {
    /// The TLS settings of loupe's connections (the flow stream's and grpc-swift's alike): TLS 1.2
    /// or later, ALPN h2, the given roots (else the system's), the client certificate for mTLS. The
    /// chain is verified here; the name is checked by `handler(context:for:)`, because NIOSSL also
    /// accepts a certificate for the IP address dialled when another name was asked for.
    func tlsConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        configuration.applicationProtocols = ["grpc-exp", "h2"]
        configuration.certificateVerification = allowInsecure ? .none : .noHostnameVerification
        if !caCertificateFiles.isEmpty {
            configuration.trustRoots = .certificates(try caCertificateFiles.flatMap { try NIOSSLCertificate.fromPEMFile($0) })
        }
        if let certificate = clientCertificateFile, let key = clientKeyFile {
            configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
            configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
        }
        return configuration
    }

    /// The name the server's certificate must be for: `--tls-server-name`, else the host or IP
    /// address dialled, else (a Unix socket) `localhost`, as grpc-go names it.
    func expectedName(for address: ServerAddress) -> String {
        if let serverName { return serverName }
        if case .host(let host, _) = address.endpoint { return host }
        return "localhost"
    }

    /// The TLS handler of a connection to `address`: SNI with the host name (never an IP address),
    /// and, unless verification is off, the leaf certificate checked for `expectedName` after the
    /// chain is verified and before anything is sent (credentials included).
    func handler(context: NIOSSLContext, for address: ServerAddress) throws -> NIOSSLClientHandler {
        let sni = serverName ?? address.hostName
        if allowInsecure { return try NIOSSLClientHandler(context: context, serverHostname: sni) }
        let expected = expectedName(for: address)
        return try NIOSSLClientHandler._makeSSLClientHandler(context: context, serverHostname: sni) { certificate, channel in
            if let mismatch = ServerIdentity(certificate).mismatch(for: expected) {
                return channel.eventLoop.makeFailedFuture(ServerIdentity.Mismatch(description: mismatch))
            }
            return channel.eventLoop.makeSucceededVoidFuture()
        }
    }
}

extension ServerIdentity {
    /// The names in a certificate's subject alternative names.
    init(_ certificate: NIOSSLCertificate) {
        var dnsNames: [String] = []
        var ipAddresses: [IPAddress] = []
        for name in certificate._subjectAlternativeNames() {
            let bytes = Array(name.contents)
            switch name.nameType {
            case .dnsName:
                dnsNames.append(String(decoding: bytes, as: UTF8.self))
            case .ipAddress where bytes.count == 4:
                ipAddresses.append(IPAddress(ipv4: bytes.reduce(0) { $0 << 8 | UInt32($1) }))
            case .ipAddress where bytes.count == 16:
                let high = bytes[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                let low = bytes[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                ipAddresses.append(IPAddress(high: high, low: low))
            default:
                break
            }
        }
        self.init(dnsNames: dnsNames, ipAddresses: ipAddresses)
    }

    /// A certificate that is not for the name asked for.
    struct Mismatch: Error, CustomStringConvertible {
        var description: String
    }
}
