import FlowModel
import HubbleAPI
import Yams

/// Reads NetworkPolicy manifests (one or several YAML documents, or a `List`) strictly: a field the
/// API does not have, a value of the wrong kind or out of range is an error naming the file, the
/// line, the field and what is wrong, as `kubectl apply` would refuse it.
public enum PolicyDecoder {
    public static func decode(yaml: String, file: String) throws(PolicyDecodingError) -> [NetworkPolicy] {
        var policies: [NetworkPolicy] = []
        do {
            var documents = try Yams.compose_all(yaml: yaml)
            while let document = documents.next() {
                policies += try decodeManifest(document, file: file)
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

    /// A manifest node: a NetworkPolicy, or a `List` of them.
    public static func decodeManifest(_ node: Node, file: String) throws(PolicyDecodingError) -> [NetworkPolicy] {
        var reader = NodeReader(file: file)
        let kind = try reader.string(node["kind"], at: node, path: "kind")
        if kind == "List" {
            try reader.allowOnly(["apiVersion", "kind", "items", "metadata"], in: node, path: "")
            guard let items = node["items"] else { return [] }
            var policies: [NetworkPolicy] = []
            for (index, item) in try reader.sequence(items, path: "items").enumerated() {
                reader.prefix = "items[\(index)]."
                policies += try decodeManifest(item, file: file)
            }
            return policies
        }
        return [try reader.policy(node)]
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
