import FlowModel

/// Whether a server's certificate is for the name a client asked for, as Go's crypto/x509
/// `VerifyHostname` decides it for grpc-go clients (the reference CLI): an IP address is matched
/// with the certificate's IP addresses only, a host name with its DNS names only (case aside, a
/// trailing dot aside, `*` standing for the whole leftmost label); the subject's common name is
/// never used. The name asked for is `--tls-server-name` when given, else the address dialled.
public struct ServerIdentity: Sendable, Equatable {
    /// The names a certificate holds in its subject alternative names.
    public var dnsNames: [String]
    public var ipAddresses: [IPAddress]

    public init(dnsNames: [String], ipAddresses: [IPAddress]) {
        self.dnsNames = dnsNames
        self.ipAddresses = ipAddresses
    }

    /// nil when the certificate is for `name`, else why not.
    public func mismatch(for name: String) -> String? {
        let valid = (dnsNames + ipAddresses.map(\.description)).joined(separator: ", ")
        let bare = name.hasPrefix("[") && name.hasSuffix("]") ? String(name.dropFirst().dropLast()) : name
        if let address = IPAddress.parse(bare) {
            if ipAddresses.contains(address) { return nil }
            if ipAddresses.isEmpty {
                return "the server's certificate holds no IP address, so it cannot be for \(bare)" + (valid.isEmpty ? "" : " (it is for \(valid))")
            }
            return "the server's certificate is for \(valid), not \(bare)"
        }
        let host = Self.normalized(name)
        if dnsNames.contains(where: { Self.matches(pattern: $0, host: host) }) { return nil }
        if valid.isEmpty { return "the server's certificate holds no names (subject alternative names), so it cannot be for \(name)" }
        return "the server's certificate is for \(valid), not \(name)"
    }

    static func normalized(_ name: String) -> String {
        let lower = name.lowercased()
        return lower.hasSuffix(".") ? String(lower.dropLast()) : lower
    }

    /// A DNS name of a certificate against a host name: label by label, `*` for a whole leftmost label.
    static func matches(pattern: String, host: String) -> Bool {
        let pattern = normalized(pattern)
        guard !pattern.isEmpty, !host.isEmpty else { return false }
        let patternLabels = pattern.split(separator: ".", omittingEmptySubsequences: false)
        let hostLabels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard patternLabels.count == hostLabels.count, !hostLabels.contains(where: \.isEmpty) else { return false }
        for (index, (expected, label)) in zip(patternLabels, hostLabels).enumerated() {
            if index == 0 && expected == "*" { continue }
            if expected != label { return false }
        }
        return true
    }
}
