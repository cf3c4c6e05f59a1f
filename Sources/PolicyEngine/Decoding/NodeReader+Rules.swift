import FlowModel
import HubbleAPI
import Yams

/// Rules, peers, ports and selectors.
extension NodeReader {
    func rules(_ node: Node?, peersKey: String, path: String) throws(PolicyDecodingError) -> [NetworkPolicy.Rule] {
        guard let node else { return [] }
        var rules: [NetworkPolicy.Rule] = []
        for (index, ruleNode) in try sequence(node, path: path).enumerated() {
            let rulePath = "\(path)[\(index)]"
            try allowOnly([peersKey, "ports"], in: ruleNode, path: rulePath)
            var rule = NetworkPolicy.Rule()
            if let peersNode = ruleNode[peersKey] {
                for (p, peerNode) in try sequence(peersNode, path: "\(rulePath).\(peersKey)").enumerated() {
                    rule.peers.append(try peer(peerNode, path: "\(rulePath).\(peersKey)[\(p)]"))
                }
            }
            if let portsNode = ruleNode["ports"] {
                for (p, portNode) in try sequence(portsNode, path: "\(rulePath).ports").enumerated() {
                    rule.ports.append(try port(portNode, path: "\(rulePath).ports[\(p)]"))
                }
            }
            rules.append(rule)
        }
        return rules
    }

    func peer(_ node: Node, path: String) throws(PolicyDecodingError) -> NetworkPolicy.Peer {
        try allowOnly(["podSelector", "namespaceSelector", "ipBlock"], in: node, path: path)
        var peer = NetworkPolicy.Peer()
        if let n = node["podSelector"] { peer.podSelector = try selector(n, path: "\(path).podSelector") }
        if let n = node["namespaceSelector"] { peer.namespaceSelector = try selector(n, path: "\(path).namespaceSelector") }
        if let n = node["ipBlock"] {
            guard peer.podSelector == nil && peer.namespaceSelector == nil else {
                throw error(n, "\(path).ipBlock", "may not be combined with podSelector or namespaceSelector in one peer")
            }
            try allowOnly(["cidr", "except"], in: n, path: "\(path).ipBlock")
            let cidr = try string(n["cidr"], at: n, path: "\(path).ipBlock.cidr")
            guard let block = IPPrefix.parse(cidr) else {
                throw error(n["cidr"], "\(path).ipBlock.cidr", "\"\(cidr)\" is not a CIDR (10.0.0.0/8)")
            }
            var except: [String] = []
            if let exceptNode = n["except"] {
                for (i, item) in try sequence(exceptNode, path: "\(path).ipBlock.except").enumerated() {
                    let value = try string(item, at: exceptNode, path: "\(path).ipBlock.except[\(i)]")
                    guard let inner = IPPrefix.parse(value) else {
                        throw error(item, "\(path).ipBlock.except[\(i)]", "\"\(value)\" is not a CIDR")
                    }
                    guard block.contains(inner), inner.bits > block.bits else {
                        throw error(item, "\(path).ipBlock.except[\(i)]", "\(value) must lie strictly inside \(cidr)")
                    }
                    except.append(value)
                }
            }
            peer.ipBlock = NetworkPolicy.IPBlock(cidr: cidr, except: except)
        }
        guard peer.podSelector != nil || peer.namespaceSelector != nil || peer.ipBlock != nil else {
            throw error(node, path, "a peer needs podSelector, namespaceSelector or ipBlock")
        }
        return peer
    }

    func port(_ node: Node, path: String) throws(PolicyDecodingError) -> NetworkPolicy.Port {
        try allowOnly(["protocol", "port", "endPort"], in: node, path: path)
        var result = NetworkPolicy.Port()
        if let n = node["protocol"] {
            let value = try string(n, at: node, path: "\(path).protocol")
            guard let transport = Transport(rawValue: value), transport.hasPorts else {
                throw error(n, "\(path).protocol", "\"\(value)\" is not TCP, UDP or SCTP")
            }
            result.protocol = transport
        }
        if let n = node["port"] {
            let value = try string(n, at: node, path: "\(path).port")
            if let number = Int(value) {
                guard (1...65535).contains(number) else { throw error(n, "\(path).port", "\(number) is out of range 1-65535") }
                result.port = .number(number)
            } else {
                guard Self.isPortName(value) else {
                    throw error(n, "\(path).port", "\"\(value)\" is neither a port number nor a port name (at most 15 lower-case letters, digits and '-', with a letter)")
                }
                result.port = .named(value)
            }
        }
        if let n = node["endPort"] {
            let value = try string(n, at: node, path: "\(path).endPort")
            guard let end = Int(value) else { throw error(n, "\(path).endPort", "\"\(value)\" is not a number") }
            guard case .number(let start)? = result.port else {
                throw error(n, "\(path).endPort", "needs a numeric port to start the range")
            }
            guard end >= start, end <= 65535 else {
                throw error(n, "\(path).endPort", "\(end) must be between port (\(start)) and 65535")
            }
            result.endPort = end
        }
        return result
    }

    /// An IANA service name, as container ports are named.
    static func isPortName(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 15, !text.hasPrefix("-"), !text.hasSuffix("-"), !text.contains("--") else { return false }
        let allowed = text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        return allowed && text.unicodeScalars.contains { ("a"..."z").contains($0) }
    }

    public func selector(_ node: Node, path: String) throws(PolicyDecodingError) -> LabelSelectorSpec {
        if case .scalar(let scalar) = node, scalar.tag == .init(.null) || scalar.string.isEmpty { return LabelSelectorSpec() }
        try allowOnly(["matchLabels", "matchExpressions"], in: node, path: path)
        var spec = LabelSelectorSpec()
        if let labelsNode = node["matchLabels"] {
            for (key, value) in try mapping(labelsNode, path: "\(path).matchLabels") {
                let name = try string(key, at: labelsNode, path: "\(path).matchLabels")
                spec.matchLabels[name] = try string(value, at: labelsNode, path: "\(path).matchLabels.\(name)")
            }
        }
        if let expressionsNode = node["matchExpressions"] {
            for (i, item) in try sequence(expressionsNode, path: "\(path).matchExpressions").enumerated() {
                let itemPath = "\(path).matchExpressions[\(i)]"
                try allowOnly(["key", "operator", "values"], in: item, path: itemPath)
                let key = try string(item["key"], at: item, path: "\(itemPath).key")
                let opText = try string(item["operator"], at: item, path: "\(itemPath).operator")
                guard let op = LabelSelectorSpec.Expression.Operator(rawValue: opText) else {
                    throw error(item["operator"], "\(itemPath).operator", "\"\(opText)\" is not In, NotIn, Exists or DoesNotExist")
                }
                var values: [String] = []
                if let valuesNode = item["values"] {
                    for (v, valueNode) in try sequence(valuesNode, path: "\(itemPath).values").enumerated() {
                        values.append(try string(valueNode, at: valuesNode, path: "\(itemPath).values[\(v)]"))
                    }
                }
                switch op {
                case .in, .notIn:
                    if values.isEmpty { throw error(item, "\(itemPath).values", "must be non-empty for \(opText)") }
                case .exists, .doesNotExist:
                    if !values.isEmpty { throw error(item["values"], "\(itemPath).values", "must be empty for \(opText)") }
                }
                spec.matchExpressions.append(LabelSelectorSpec.Expression(key: key, operator: op, values: values))
            }
        }
        return spec
    }
}
