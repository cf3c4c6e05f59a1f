/// Hubble's node-name pattern, `[cluster/]node`, each part an FQDN pattern; a missing or empty part
/// matches any DNS name. Flow node names without a cluster are `default/<name>`.
public struct NodeNamePattern: Sendable {
    var cluster: NamePattern
    var node: NamePattern

    public init(_ text: String) throws(NamePattern.PatternError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw NamePattern.PatternError(description: "too many slashes in pattern") }
        let clusterPart = parts.count == 2 ? String(parts[0]) : ""
        let nodePart = String(parts[parts.count - 1])
        cluster = clusterPart.isEmpty ? .anyDNSName : try NamePattern.fqdn(clusterPart)
        node = nodePart.isEmpty ? .anyDNSName : try NamePattern.fqdn(nodePart)
    }

    /// Whether a flow's `node_name` matches; an empty name never does.
    public func matches(nodeName: String) -> Bool {
        guard !nodeName.isEmpty else { return false }
        var name = nodeName
        return name.withUTF8 { bytes in
            if let slash = bytes.firstIndex(of: UInt8(ascii: "/")) {
                return cluster.matches(bytes: UnsafeBufferPointer(rebasing: bytes[..<slash]))
                    && node.matches(bytes: UnsafeBufferPointer(rebasing: bytes[(slash + 1)...]))
            }
            return Self.defaultCluster.withUnsafeBufferPointer { cluster.matches(bytes: $0) } && node.matches(bytes: bytes)
        }
    }

    private static let defaultCluster: [UInt8] = Array("default".utf8)
}
