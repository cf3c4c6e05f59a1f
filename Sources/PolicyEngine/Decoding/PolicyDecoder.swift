import FlowModel
import HubbleAPI
import Yams

/// Reads policy manifests (one or several YAML documents, or a `List`): NetworkPolicies,
/// CiliumNetworkPolicies and CiliumClusterwideNetworkPolicies, strictly: a field the API does not
/// have, a value of the wrong kind or out of range is an error naming the file, the line, the field
/// and what is wrong, as `kubectl apply` would refuse it.
public enum PolicyDecoder {
    /// Every policy of the file.
    public static func decodeAll(yaml: String, file: String) throws(PolicyDecodingError) -> PolicyCollection {
        var policies = PolicyCollection()
        do {
            var documents = try Yams.compose_all(yaml: yaml)
            while let document = documents.next() {
                policies.append(contentsOf: try decodeManifest(document, file: file))
            }
            // The sequence stops at a syntax error and keeps it.
            if let error = documents.error { throw error }
        } catch let error as PolicyDecodingError {
            throw error
        } catch {
            throw YAMLSyntaxError.decodingError(error, yaml: yaml, file: file)
        }
        return policies
    }

    /// The NetworkPolicies of a file that may hold only those.
    public static func decode(yaml: String, file: String) throws(PolicyDecodingError) -> [NetworkPolicy] {
        let policies = try decodeAll(yaml: yaml, file: file)
        if let cilium = policies.cilium.first {
            throw PolicyDecodingError(file: file, line: nil, path: "", message: "\(cilium.kind.rawValue) \(cilium.qualifiedName): only NetworkPolicies are read here")
        }
        return policies.kubernetes
    }

    /// A manifest node: a policy, or a `List` of them.
    public static func decodeManifest(_ node: Node, file: String) throws(PolicyDecodingError) -> PolicyCollection {
        var reader = NodeReader(file: file)
        let kind = try reader.string(node["kind"], at: node, path: "kind")
        if kind == "List" {
            try reader.allowOnly(["apiVersion", "kind", "items", "metadata"], in: node, path: "")
            guard let items = node["items"] else { return PolicyCollection() }
            var policies = PolicyCollection()
            for (index, item) in try reader.sequence(items, path: "items").enumerated() {
                reader.prefix = "items[\(index)]."
                policies.append(contentsOf: try decodeManifest(item, file: file))
            }
            return policies
        }
        if kind == "CiliumCIDRGroup" { return PolicyCollection(cidrGroups: [try reader.cidrGroup(node)]) }
        if kind.hasPrefix("Cilium") { return PolicyCollection(cilium: [try reader.ciliumPolicy(node)]) }
        return PolicyCollection(kubernetes: [try reader.policy(node)])
    }
}

/// The policies of one or more manifests, by kind.
public struct PolicyCollection: Sendable, Hashable {
    public var kubernetes: [NetworkPolicy]
    public var cilium: [CiliumPolicy]
    /// CiliumCIDRGroups, which Cilium's policies may refer to.
    public var cidrGroups: [CIDRGroup]

    public init(kubernetes: [NetworkPolicy] = [], cilium: [CiliumPolicy] = [], cidrGroups: [CIDRGroup] = []) {
        self.kubernetes = kubernetes
        self.cilium = cilium
        self.cidrGroups = cidrGroups
    }

    public var count: Int { kubernetes.count + cilium.count }

    public mutating func append(contentsOf other: PolicyCollection) {
        kubernetes += other.kubernetes
        cilium += other.cilium
        cidrGroups += other.cidrGroups
    }
}

/// Why a manifest was refused: `policies.yaml:14: spec.ingress[0].ports[0].port: 70000 is out of range 1-65535`.
public struct PolicyDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var path: String
    public var message: String

    public init(file: String, line: Int?, path: String, message: String) {
        self.file = file
        self.line = line
        self.path = path
        self.message = message
    }

    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return path.isEmpty ? "\(location): \(message)" : "\(location): \(path): \(message)"
    }
}
