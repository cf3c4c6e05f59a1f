import FlowModel
import HubbleAPI
import PolicyEngine
import Yams

/// Reads a scenario file strictly: unknown fields, references to undeclared namespaces, nodes or
/// pods, bad addresses and bad policies are errors naming the file, the line and the field.
public enum ScenarioDecoder {
    public static func decode(yaml: String, file: String) throws(PolicyDecodingError) -> Scenario {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw PolicyDecodingError(file: file, line: nil, path: "", message: "the scenario is empty")
            }
            root = node
        } catch let error as PolicyDecodingError {
            throw error
        } catch {
            throw PolicyDecodingError.yamlSyntax(error, yaml: yaml, file: file)
        }
        var decoder = Decoder(reader: NodeReader(file: file))
        return try decoder.scenario(root)
    }

    struct Decoder {
        let reader: NodeReader

        func list(_ node: Node?, _ path: String) throws(PolicyDecodingError) -> [(Node, String)] {
            guard let node else { return [] }
            return try reader.sequence(node, path: path).enumerated().map { ($0.element, "\(path)[\($0.offset)]") }
        }

        func optionalString(_ node: Node, _ key: String, path: String) throws(PolicyDecodingError) -> String? {
            guard let value = node[key] else { return nil }
            return try reader.string(value, at: node, path: "\(path).\(key)")
        }

        func labels(_ node: Node?, path: String) throws(PolicyDecodingError) -> [String: String] {
            guard let node else { return [:] }
            var labels: [String: String] = [:]
            for (key, value) in try reader.mapping(node, path: path) {
                let name = try reader.string(key, at: node, path: path)
                labels[name] = try reader.string(value, at: node, path: "\(path).\(name)")
            }
            return labels
        }

        func address(_ node: Node, _ key: String, path: String) throws(PolicyDecodingError) -> IPAddress {
            let text = try reader.string(node[key], at: node, path: "\(path).\(key)")
            guard let address = IPAddress.parse(text) else {
                throw reader.error(node[key], "\(path).\(key)", "\"\(text)\" is not an IP address")
            }
            return address
        }

        func number(_ node: Node, _ key: String, path: String, range: ClosedRange<Int>) throws(PolicyDecodingError) -> Int? {
            guard let value = node[key] else { return nil }
            let text = try reader.string(value, at: node, path: "\(path).\(key)")
            guard let number = Int(text), range.contains(number) else {
                throw reader.error(value, "\(path).\(key)", "\"\(text)\" is not a number in \(range.lowerBound)-\(range.upperBound)")
            }
            return number
        }

        func transport(_ node: Node, path: String) throws(PolicyDecodingError) -> Transport {
            guard let text = try optionalString(node, "protocol", path: path) else { return .tcp }
            guard let transport = Transport(rawValue: text.uppercased()), transport.hasPorts else {
                throw reader.error(node["protocol"], "\(path).protocol", "\"\(text)\" is not TCP, UDP or SCTP")
            }
            return transport
        }

        mutating func scenario(_ root: Node) throws(PolicyDecodingError) -> Scenario {
            try reader.allowOnly(["cluster", "enforcement", "nodes", "namespaces", "pods", "services", "external", "policies", "traffic"], in: root, path: "")
            let cluster = try optionalString(root, "cluster", path: "") ?? "default"
            var scenario = Scenario(cluster: cluster, nodes: [], namespaces: [], pods: [], services: [], policies: [], traffic: [])
            if let text = try optionalString(root, "enforcement", path: "") {
                guard let enforcement = Scenario.Enforcement(rawValue: text) else {
                    throw reader.error(root["enforcement"], "enforcement", "\"\(text)\" is not cilium or kubernetes")
                }
                scenario.enforcement = enforcement
            }
            for (node, path) in try list(root["nodes"], "nodes") {
                try reader.allowOnly(["name", "podCIDR", "labels", "ip"], in: node, path: path)
                let name = try reader.string(node["name"], at: node, path: "\(path).name")
                guard !scenario.nodes.contains(where: { $0.name == name }) else { throw reader.error(node, "\(path).name", "node \"\(name)\" is declared twice") }
                var cidr: IPPrefix? = nil
                if let text = try optionalString(node, "podCIDR", path: path) {
                    guard let parsed = IPPrefix.parse(text) else { throw reader.error(node["podCIDR"], "\(path).podCIDR", "\"\(text)\" is not a CIDR") }
                    cidr = parsed
                }
                var nodeLabels = try labels(node["labels"], path: "\(path).labels")
                for (key, value) in [
                    ("beta.kubernetes.io/arch", "amd64"), ("beta.kubernetes.io/os", "linux"), ("kubernetes.io/arch", "amd64"),
                    ("kubernetes.io/hostname", name), ("kubernetes.io/os", "linux"),
                ] where nodeLabels[key] == nil {
                    nodeLabels[key] = value
                }
                let nodeIP = node["ip"] == nil ? IPAddress(ipv4: 0xAC12_0002 + UInt32(scenario.nodes.count)) : try address(node, "ip", path: path)
                scenario.nodes.append(.init(name: name, podCIDR: cidr, labels: nodeLabels, ip: nodeIP))
            }
            guard !scenario.nodes.isEmpty else { throw reader.error(root, "nodes", "a scenario needs at least one node") }
            for (node, path) in try list(root["namespaces"], "namespaces") {
                try reader.allowOnly(["name", "labels"], in: node, path: path)
                let name = try reader.string(node["name"], at: node, path: "\(path).name")
                guard !scenario.namespaces.contains(where: { $0.name == name }) else { throw reader.error(node, "\(path).name", "namespace \"\(name)\" is declared twice") }
                var namespaceLabels = try labels(node["labels"], path: "\(path).labels")
                namespaceLabels["kubernetes.io/metadata.name"] = name
                scenario.namespaces.append(.init(name: name, labels: namespaceLabels))
            }
            for (node, path) in try list(root["pods"], "pods") { scenario.pods.append(try pod(node, path: path, in: scenario)) }
            ScenarioIdentities.assign(&scenario.pods, explicit: explicitIdentities)
            for (node, path) in try list(root["services"], "services") { scenario.services.append(try service(node, path: path, in: scenario)) }
            for (node, path) in try list(root["external"], "external") { scenario.externals.append(try external(node, path: path, in: scenario)) }
            for (node, path) in try list(root["policies"], "policies") {
                var policies: PolicyCollection
                do {
                    policies = try PolicyDecoder.decodeManifest(node, file: reader.file)
                } catch {
                    throw PolicyDecodingError(file: error.file, line: error.line, path: "\(path).\(error.path)", message: error.message)
                }
                let namespaces = policies.kubernetes.map(\.namespace) + policies.cilium.compactMap(\.namespace)
                for namespace in namespaces where !scenario.namespaces.contains(where: { $0.name == namespace }) {
                    throw reader.error(node, "\(path).metadata.namespace", "namespace \"\(namespace)\" is not declared in namespaces")
                }
                for index in policies.kubernetes.indices { policies.kubernetes[index].origin = path }
                for index in policies.cilium.indices { policies.cilium[index].origin = path }
                scenario.policies += policies.kubernetes
                scenario.ciliumPolicies += policies.cilium
                scenario.cidrGroups += policies.cidrGroups
            }
            for (node, path) in try list(root["traffic"], "traffic") { scenario.traffic.append(try traffic(node, path: path, in: scenario)) }
            return scenario
        }

        /// Identities the file gives, by pod index.
        var explicitIdentities: [Int: UInt32] = [:]

        mutating func pod(_ node: Node, path: String, in scenario: Scenario) throws(PolicyDecodingError) -> Scenario.Pod {
            try reader.allowOnly(
                ["name", "namespace", "node", "ip", "labels", "serviceAccount", "workload", "identity", "ports", "endpoint"], in: node, path: path)
            let name = try reader.string(node["name"], at: node, path: "\(path).name")
            let namespace = try reader.string(node["namespace"], at: node, path: "\(path).namespace")
            guard scenario.namespaces.contains(where: { $0.name == namespace }) else {
                throw reader.error(node["namespace"], "\(path).namespace", "namespace \"\(namespace)\" is not declared in namespaces")
            }
            guard !scenario.pods.contains(where: { $0.namespace == namespace && $0.name == name }) else {
                throw reader.error(node, "\(path).name", "pod \"\(namespace)/\(name)\" is declared twice")
            }
            let nodeName = try reader.string(node["node"], at: node, path: "\(path).node")
            guard let host = scenario.nodes.first(where: { $0.name == nodeName }) else {
                throw reader.error(node["node"], "\(path).node", "node \"\(nodeName)\" is not declared in nodes")
            }
            let ip = try address(node, "ip", path: path)
            if let cidr = host.podCIDR, !cidr.contains(ip) {
                throw reader.error(node["ip"], "\(path).ip", "\(ip) is outside \(nodeName)'s pod CIDR \(cidr)")
            }
            if let other = scenario.pods.first(where: { $0.ip == ip }) {
                throw reader.error(node["ip"], "\(path).ip", "\(ip) is already \(other.namespace)/\(other.name)'s address")
            }
            var workload: Scenario.Workload? = nil
            if let w = node["workload"] {
                try reader.allowOnly(["kind", "name"], in: w, path: "\(path).workload")
                workload = .init(
                    kind: try reader.string(w["kind"], at: w, path: "\(path).workload.kind"),
                    name: try reader.string(w["name"], at: w, path: "\(path).workload.name"))
            }
            if let identity = try number(node, "identity", path: path, range: 256...16_777_215) {
                explicitIdentities[scenario.pods.count] = UInt32(identity)
            }
            var ports: [PolicyEndpoint.NamedPort] = []
            var portNames: [String: PolicyEndpoint.NamedPort] = [:]
            for (portNode, portPath) in try list(node["ports"], "\(path).ports") {
                try reader.allowOnly(["name", "port", "protocol"], in: portNode, path: portPath)
                guard let number = try number(portNode, "port", path: portPath, range: 1...65535) else {
                    throw reader.error(portNode, "\(portPath).port", "is required")
                }
                let port = PolicyEndpoint.NamedPort(port: number, protocol: try transport(portNode, path: portPath))
                ports.append(port)
                if let portName = try optionalString(portNode, "name", path: portPath) { portNames[portName] = port }
            }
            var endpoint = Scenario.Endpoint.derived(namespace: namespace, name: name)
            if let e = node["endpoint"] {
                let endpointPath = "\(path).endpoint"
                try reader.allowOnly(["id", "mac", "interface", "interfaceIndex"], in: e, path: endpointPath)
                if let id = try number(e, "id", path: endpointPath, range: 1...65535) { endpoint.id = UInt32(id) }
                if let mac = try optionalString(e, "mac", path: endpointPath) { endpoint.mac = mac }
                if let name = try optionalString(e, "interface", path: endpointPath) { endpoint.interfaceName = name }
                if let index = try number(e, "interfaceIndex", path: endpointPath, range: 1...65535) { endpoint.interfaceIndex = UInt32(index) }
            }
            return Scenario.Pod(
                namespace: namespace, name: name, node: nodeName, ip: ip, labels: try labels(node["labels"], path: "\(path).labels"),
                serviceAccount: try optionalString(node, "serviceAccount", path: path) ?? "default", workload: workload,
                identity: 0, ports: ports, portNames: portNames, endpoint: endpoint)
        }

        func service(_ node: Node, path: String, in scenario: Scenario) throws(PolicyDecodingError) -> Scenario.Service {
            try reader.allowOnly(["name", "namespace", "clusterIP", "selector", "ports"], in: node, path: path)
            let name = try reader.string(node["name"], at: node, path: "\(path).name")
            let namespace = try reader.string(node["namespace"], at: node, path: "\(path).namespace")
            guard scenario.namespaces.contains(where: { $0.name == namespace }) else {
                throw reader.error(node["namespace"], "\(path).namespace", "namespace \"\(namespace)\" is not declared in namespaces")
            }
            let clusterIP = try address(node, "clusterIP", path: path)
            var ports: [Scenario.ServicePort] = []
            for (portNode, portPath) in try list(node["ports"], "\(path).ports") {
                try reader.allowOnly(["port", "targetPort", "protocol"], in: portNode, path: portPath)
                guard let port = try number(portNode, "port", path: portPath, range: 1...65535) else {
                    throw reader.error(portNode, "\(portPath).port", "is required")
                }
                let target = try number(portNode, "targetPort", path: portPath, range: 1...65535) ?? port
                ports.append(.init(port: port, targetPort: target, protocol: try transport(portNode, path: portPath)))
            }
            guard !ports.isEmpty else { throw reader.error(node, "\(path).ports", "a service needs at least one port") }
            return Scenario.Service(
                namespace: namespace, name: name, clusterIP: clusterIP, selector: try labels(node["selector"], path: "\(path).selector"),
                ports: ports)
        }

        /// `{names: [api.example.com], address: 203.0.113.10}` (or `name:` for one).
        func external(_ node: Node, path: String, in scenario: Scenario) throws(PolicyDecodingError) -> Scenario.External {
            try reader.allowOnly(["name", "names", "address"], in: node, path: path)
            var names: [String] = []
            if let one = try optionalString(node, "name", path: path) { names.append(one) }
            for (item, itemPath) in try list(node["names"], "\(path).names") { names.append(try reader.string(item, at: node, path: itemPath)) }
            guard !names.isEmpty else { throw reader.error(node, "\(path).names", "an external host needs a name") }
            for (index, name) in names.enumerated() {
                let labels = name.split(separator: ".", omittingEmptySubsequences: false)
                let valid = labels.count >= 2 && labels.allSatisfy { label in
                    !label.isEmpty && label.count <= 63 && label.unicodeScalars.allSatisfy {
                        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
                    }
                }
                guard valid else { throw reader.error(node, "\(path).names[\(index)]", "\"\(name)\" is not a fully qualified DNS name (api.example.com)") }
                guard scenario.external(named: name) == nil, scenario.service(host: name) == nil else {
                    throw reader.error(node, "\(path).names[\(index)]", "\"\(name)\" is already a name of the scenario")
                }
            }
            let ip = try address(node, "address", path: path)
            if scenario.pods.contains(where: { $0.ip == ip }) || scenario.services.contains(where: { $0.clusterIP == ip }) {
                throw reader.error(node["address"], "\(path).address", "\(ip) belongs to the cluster; an external host is outside it")
            }
            return Scenario.External(names: names, ip: ip)
        }

        func traffic(_ node: Node, path: String, in scenario: Scenario) throws(PolicyDecodingError) -> Scenario.Traffic {
            try reader.allowOnly(["from", "to", "protocol", "http"], in: node, path: path)
            let from = try reader.string(node["from"], at: node, path: "\(path).from")
            guard scenario.pod(from) != nil else {
                throw reader.error(node["from"], "\(path).from", "\"\(from)\" is not a pod of the scenario (write namespace/name)")
            }
            let to = try reader.string(node["to"], at: node, path: "\(path).to")
            guard let colon = to.lastIndex(of: ":"), let port = Int(to[to.index(after: colon)...]), (1...65535).contains(port) else {
                throw reader.error(node["to"], "\(path).to", "\"\(to)\" needs a port: host:port")
            }
            let host = String(to[..<colon])
            guard scenario.service(host: host) != nil || scenario.pod(host) != nil || scenario.external(named: host) != nil || IPAddress.parse(host) != nil else {
                throw reader.error(node["to"], "\(path).to", "\"\(host)\" is neither a service name, an external host, a pod (namespace/name) nor an address")
            }
            var http: Scenario.HTTPRequests? = nil
            if let h = node["http"] {
                try reader.allowOnly(["paths", "methods"], in: h, path: "\(path).http")
                var paths: [String] = []
                for (item, itemPath) in try list(h["paths"], "\(path).http.paths") { paths.append(try reader.string(item, at: h, path: itemPath)) }
                var methods: [String] = []
                for (item, itemPath) in try list(h["methods"], "\(path).http.methods") { methods.append(try reader.string(item, at: h, path: itemPath)) }
                for (p, pathText) in paths.enumerated() where !pathText.hasPrefix("/") {
                    throw reader.error(h, "\(path).http.paths[\(p)]", "\"\(pathText)\" must start with /")
                }
                http = Scenario.HTTPRequests(paths: paths.isEmpty ? ["/"] : paths, methods: methods.isEmpty ? ["GET"] : methods)
            }
            let transport = try transport(node, path: path)
            if http != nil && transport != .tcp {
                throw reader.error(node["protocol"], "\(path).protocol", "http traffic runs over TCP")
            }
            return Scenario.Traffic(from: from, to: host, port: port, protocol: transport, http: http)
        }
    }
}
