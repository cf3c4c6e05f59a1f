import Foundation
import PolicyEngine

/// The policies (NetworkPolicies, CiliumNetworkPolicies, CiliumClusterwideNetworkPolicies) of `--policies FILE|DIR`: one manifest file, or every `.yaml`, `.yml` and `.json`
/// file of a directory (not its subdirectories), in name order, as `kubectl apply -f DIR` takes them.
package enum PolicyFiles {
    package static func load(_ path: String) throws -> PolicyCollection {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError.usage("--policies \(path): no such file or directory")
        }
        var files = [path]
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files = names.filter { [".yaml", ".yml", ".json"].contains(where: $0.hasSuffix) }.sorted().map { (path as NSString).appendingPathComponent($0) }
            if files.isEmpty { throw CLIError.usage("--policies \(path): no .yaml, .yml or .json file in the directory") }
        }
        var policies = PolicyCollection()
        for file in files {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw CLIError.usage("--policies: cannot read \(file)")
            }
            do {
                policies.append(contentsOf: try PolicyDecoder.decodeAll(yaml: text, file: file))
            } catch {
                throw CLIError.usage(error.description)
            }
        }
        return policies
    }
}
