import NIOSSL

extension ClientSecurity {
    /// The TLS settings of `FlowStream`'s connections, as grpc-swift's transport makes them from the
    /// same flags: TLS 1.2 or later, ALPN h2, the given roots (else the system's), the client
    /// certificate for mTLS.
    func tlsConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        configuration.applicationProtocols = ["grpc-exp", "h2"]
        configuration.certificateVerification = allowInsecure ? .none : .fullVerification
        if !caCertificateFiles.isEmpty {
            configuration.trustRoots = .certificates(try caCertificateFiles.flatMap { try NIOSSLCertificate.fromPEMFile($0) })
        }
        if let certificate = clientCertificateFile, let key = clientKeyFile {
            configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
            configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
        }
        return configuration
    }
}
