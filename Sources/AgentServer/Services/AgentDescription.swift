import Foundation

/// What an agent says about itself: the Hubble version it speaks (the `hubble-server-version`
/// header), its own version (ServerStatus), and the nodes whose flows it serves.
public struct AgentDescription: Sendable {
    /// The Hubble API version in the response headers; the reference CLI compares major.minor.
    public var hubbleVersion = "1.19.4"
    /// ServerStatus's `version`, e.g. `loupe-agent v0.4.0`.
    public var serverVersion: String
    public var nodes: [Node]
    /// Whether the agent serves TLS (Peer notifications and GetNodes say so).
    public var tls = false

    public struct Node: Sendable, Hashable {
        /// `cluster/node`, or `node` in the cluster `default`.
        public var name: String
        /// The node's address without a port.
        public var address: String
        public var cluster: String
        public var shortName: String

        public init(name: String, address: String, cluster: String, shortName: String) {
            self.name = name
            self.address = address
            self.cluster = cluster
            self.shortName = shortName
        }

        /// The TLS server name Cilium gives a node's Hubble server.
        public var tlsServerName: String {
            let cluster = cluster.isEmpty ? "default" : cluster
            return "\(shortName.replacingOccurrences(of: ".", with: "-")).\(cluster.replacingOccurrences(of: ".", with: "-")).hubble-grpc.cilium.io"
        }
    }

    public init(serverVersion: String, nodes: [Node]) {
        self.serverVersion = serverVersion
        self.nodes = nodes
    }

    var headers: [String: String] { ["hubble-server-version": hubbleVersion] }
}
