import FlowModel
import HubbleAPI
import Yams

/// Reads fields out of YAML nodes strictly, keeping the field path and the line for errors: the
/// NetworkPolicy manifests here, and the other files that embed them (scenarios).
public struct NodeReader {
    public let file: String
    /// Prepended to paths (`items[2].` inside a List).
    public var prefix = ""

    public init(file: String) {
        self.file = file
    }

    public func error(_ node: Node?, _ path: String, _ message: String) -> PolicyDecodingError {
        PolicyDecodingError(file: file, line: node?.mark?.line, path: prefix + path, message: message)
    }

    public func mapping(_ node: Node, path: String) throws(PolicyDecodingError) -> Node.Mapping {
        guard let mapping = node.mapping else { throw error(node, path, "expected a mapping") }
        return mapping
    }

    public func sequence(_ node: Node, path: String) throws(PolicyDecodingError) -> [Node] {
        if case .scalar(let scalar) = node, scalar.string == "" || scalar.tag == .init(.null) { return [] }
        guard let sequence = node.sequence else { throw error(node, path, "expected a list") }
        return Array(sequence)
    }

    public func string(_ node: Node?, at parent: Node, path: String) throws(PolicyDecodingError) -> String {
        guard let node else { throw error(parent, path, "is required") }
        guard case .scalar(let scalar) = node else { throw error(node, path, "expected a string") }
        return scalar.string
    }

    /// Refuses fields the API does not define, naming the closest one that exists.
    public func allowOnly(_ keys: Set<String>, in node: Node, path: String) throws(PolicyDecodingError) {
        let mapping = try self.mapping(node, path: path)
        for (key, _) in mapping {
            guard let name = key.scalar?.string, !keys.contains(name) else { continue }
            let close = keys.sorted().first { EditDistance.between($0.lowercased(), name.lowercased()) <= 2 }
            let hint = close.map { "; did you mean \"\($0)\"?" } ?? "; known fields: " + keys.sorted().joined(separator: ", ")
            throw error(key, path.isEmpty ? name : "\(path).\(name)", "unknown field\(hint)")
        }
    }

    func policy(_ node: Node) throws(PolicyDecodingError) -> NetworkPolicy {
        try allowOnly(["apiVersion", "kind", "metadata", "spec", "status"], in: node, path: "")
        let apiVersion = try string(node["apiVersion"], at: node, path: "apiVersion")
        guard apiVersion == "networking.k8s.io/v1" else {
            throw error(node["apiVersion"], "apiVersion", "\"\(apiVersion)\" is not networking.k8s.io/v1")
        }
        let kind = try string(node["kind"], at: node, path: "kind")
        guard kind == "NetworkPolicy" else { throw error(node["kind"], "kind", "\"\(kind)\" is not a NetworkPolicy") }
        guard let metadata = node["metadata"] else { throw error(node, "metadata", "is required") }
        let name = try string(metadata["name"], at: metadata, path: "metadata.name")
        guard Self.isDNSLabel(name, maxLength: 253, dots: true) else {
            throw error(metadata["name"], "metadata.name", "\"\(name)\" is not a valid name (lower-case letters, digits, '-' and '.')")
        }
        let namespace = try metadata["namespace"].map { n throws(PolicyDecodingError) in try string(n, at: metadata, path: "metadata.namespace") } ?? "default"
        guard let spec = node["spec"] else { throw error(node, "spec", "is required") }
        try allowOnly(["podSelector", "policyTypes", "ingress", "egress"], in: spec, path: "spec")
        guard let podSelectorNode = spec["podSelector"] else {
            throw error(spec, "spec.podSelector", "is required (use {} to select every pod of the namespace)")
        }
        let podSelector = try selector(podSelectorNode, path: "spec.podSelector")
        var types: Set<NetworkPolicy.Direction>? = nil
        if let typesNode = spec["policyTypes"] {
            var parsed = Set<NetworkPolicy.Direction>()
            for (index, item) in try sequence(typesNode, path: "spec.policyTypes").enumerated() {
                let value = try string(item, at: typesNode, path: "spec.policyTypes[\(index)]")
                guard let direction = NetworkPolicy.Direction(rawValue: value) else {
                    throw error(item, "spec.policyTypes[\(index)]", "\"\(value)\" is not Ingress or Egress")
                }
                parsed.insert(direction)
            }
            types = parsed
        }
        let ingress = try rules(spec["ingress"], peersKey: "from", path: "spec.ingress")
        let egress = try rules(spec["egress"], peersKey: "to", path: "spec.egress")
        return NetworkPolicy(
            name: name, namespace: namespace, podSelector: podSelector, policyTypes: types, ingress: ingress, egress: egress)
    }

    static func isDNSLabel(_ text: String, maxLength: Int, dots: Bool) -> Bool {
        guard !text.isEmpty, text.count <= maxLength else { return false }
        let allowed = text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || (dots && $0 == ".")
        }
        return allowed && text.first != "-" && text.first != "." && text.last != "-" && text.last != "."
    }
}
