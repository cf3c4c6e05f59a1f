import FlowModel
import Yams

/// `toPorts` (ports, L7 rules, TLS names) and `icmps`.
extension NodeReader {
    func ciliumPortRule(_ node: Node, path: String, deny: Bool) throws(PolicyDecodingError) -> CiliumPortRule {
        try allowOnly(deny ? ["ports"] : ["ports", "rules", "serverNames", "terminatingTLS", "originatingTLS", "listener"], in: node, path: path)
        for unsupported in ["terminatingTLS", "originatingTLS", "listener"] where node[unsupported] != nil {
            throw error(node[unsupported], "\(path).\(unsupported)", "is not supported by loupe's policy evaluation")
        }
        var rule = CiliumPortRule()
        if let n = node["ports"] {
            for (index, item) in try sequence(n, path: "\(path).ports").enumerated() {
                rule.ports.append(try portProtocol(item, path: "\(path).ports[\(index)]"))
            }
        }
        if let n = node["serverNames"] {
            rule.serverNames = try strings(n, path: "\(path).serverNames").map(\.0)
        }
        if let n = node["rules"] {
            try allowOnly(["http", "dns", "kafka", "l7proto", "l7"], in: n, path: "\(path).rules")
            for unsupported in ["kafka", "l7proto", "l7"] where n[unsupported] != nil {
                throw error(n[unsupported], "\(path).rules.\(unsupported)", "is not supported by loupe's proxy (http and dns are)")
            }
            if n["http"] != nil && n["dns"] != nil {
                throw error(n, "\(path).rules", "http and dns rules cannot be mixed in one port rule")
            }
            if let httpNode = n["http"] {
                var rules: [HTTPRule] = []
                for (index, item) in try sequence(httpNode, path: "\(path).rules.http").enumerated() {
                    rules.append(try httpRule(item, path: "\(path).rules.http[\(index)]"))
                }
                rule.http = rules
            }
            if let dnsNode = n["dns"] {
                var rules: [DNSNamePattern] = []
                for (index, item) in try sequence(dnsNode, path: "\(path).rules.dns").enumerated() {
                    rules.append(try dnsPattern(item, path: "\(path).rules.dns[\(index)]"))
                }
                rule.dns = rules
            }
        }
        if let n = node["serverNames"] {
            for (index, name) in rule.serverNames.enumerated() where !Self.isServerName(name) {
                throw error(n, "\(path).serverNames[\(index)]", "\"\(name)\" is not a server name (a DNS name, with a leading *. or **. at most)")
            }
            if rule.hasL7 { throw error(n, "\(path).serverNames", "serverNames are not allowed with L7 rules without TLS termination") }
            if rule.serverNames.contains(where: \.isEmpty) { throw error(n, "\(path).serverNames", "empty server name is not allowed") }
        }
        if !(rule.http ?? []).isEmpty {
            // Cilium: "L7 rules can only apply to TCP (not ANY) except for DNS rules".
            for (index, port) in rule.ports.enumerated() where port.protocol != .tcp {
                throw error(node["ports"], "\(path).ports[\(index)].protocol", "L7 rules can only apply to TCP (not \(port.protocol?.rawValue ?? "ANY"))")
            }
        }
        if rule.hasL7 {
            if !(rule.dns ?? []).isEmpty && rule.ports.isEmpty {
                throw error(node, "\(path).ports", "port 53 must be specified for DNS rules")
            }
            for (index, port) in rule.ports.enumerated() {
                if port.port == .any { throw error(node["ports"], "\(path).ports[\(index)].port", "L7 rules can not be used when a port is 0") }
                if !(rule.dns ?? []).isEmpty, case .number(let start) = port.port, let end = port.endPort, end > start {
                    throw error(node["ports"], "\(path).ports[\(index)].endPort", "DNS rules do not support port ranges")
                }
            }
        }
        return rule
    }

    /// A TLS server name: DNS labels, with a leading `*.` or `**.` at most.
    static func isServerName(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.hasPrefix("**.") { rest = rest.dropFirst(3) } else if rest.hasPrefix("*.") { rest = rest.dropFirst(2) }
        return !rest.isEmpty && DNSNamePattern.isValid(String(rest), kind: .matchName)
    }

    func portProtocol(_ node: Node, path: String) throws(PolicyDecodingError) -> CiliumPortRule.PortProtocol {
        try allowOnly(["port", "endPort", "protocol"], in: node, path: path)
        var result = CiliumPortRule.PortProtocol()
        if let n = node["protocol"] {
            let text = try string(n, at: node, path: "\(path).protocol")
            switch text.uppercased() {
            case "ANY": result.protocol = nil
            case "TCP": result.protocol = .tcp
            case "UDP": result.protocol = .udp
            case "SCTP": result.protocol = .sctp
            case "VRRP", "IGMP": result.otherProtocol = text.uppercased()
            default: throw error(n, "\(path).protocol", "\"\(text)\" is not TCP, UDP, SCTP, VRRP, IGMP or ANY (ICMP is allowed with icmps)")
            }
        }
        if result.otherProtocol != nil {
            if let n = node["port"], try string(n, at: node, path: "\(path).port") != "0" {
                throw error(n, "\(path).port", "port must be empty or 0 for \(result.otherProtocol!)")
            }
            return result
        }
        guard let n = node["port"] else { throw error(node, "\(path).port", "must be specified (\"0\" for every port)") }
        do {
            let text = try string(n, at: node, path: "\(path).port")
            if let number = Int(text) {
                guard (0...65535).contains(number) else { throw error(n, "\(path).port", "\(number) is out of range 0-65535") }
                result.port = number == 0 ? .any : .number(number)
            } else {
                guard Self.isPortName(text.lowercased()) else {
                    throw error(n, "\(path).port", "\"\(text)\" is neither a port number nor a port name")
                }
                result.port = .named(text.lowercased())
            }
        }
        if let n = node["endPort"] {
            let text = try string(n, at: node, path: "\(path).endPort")
            guard let end = Int(text), (0...65535).contains(end) else { throw error(n, "\(path).endPort", "\"\(text)\" is not a port number") }
            // A range needs a numeric port below it; Cilium ignores endPort otherwise.
            if case .number(let start) = result.port, end > start { result.endPort = end }
        }
        return result
    }

    func httpRule(_ node: Node, path: String) throws(PolicyDecodingError) -> HTTPRule {
        try allowOnly(["method", "path", "host", "headers", "headerMatches"], in: node, path: path)
        func optional(_ key: String) throws(PolicyDecodingError) -> String? {
            try node[key].map { n throws(PolicyDecodingError) in try string(n, at: node, path: "\(path).\(key)") }
        }
        var headers: [HTTPRule.Header] = []
        if let n = node["headers"] {
            // "Name value" (equal; a colon after the name is dropped) or "Name" (present), as
            // Cilium hands them to Envoy (pkg/envoy getHTTPRule).
            for (text, _, _) in try strings(n, path: "\(path).headers") {
                if let space = text.firstIndex(of: " ") {
                    var name = text[..<space]
                    while name.hasSuffix(":") { name = name.dropLast() }
                    headers.append(.init(name: String(name), value: String(text[text.index(after: space)...])))
                } else {
                    headers.append(.init(name: text))
                }
            }
        }
        if let n = node["headerMatches"] {
            for (index, item) in try sequence(n, path: "\(path).headerMatches").enumerated() {
                let itemPath = "\(path).headerMatches[\(index)]"
                try allowOnly(["name", "value", "mismatch", "secret"], in: item, path: itemPath)
                for unsupported in ["mismatch", "secret"] where item[unsupported] != nil {
                    throw error(item[unsupported], "\(itemPath).\(unsupported)", "is not supported by loupe's proxy")
                }
                let name = try string(item["name"], at: item, path: "\(itemPath).name")
                let value = try item["value"].map { v throws(PolicyDecodingError) in try string(v, at: item, path: "\(itemPath).value") }
                headers.append(.init(name: name, value: value?.isEmpty == true ? nil : value))
            }
        }
        let (method, urlPath, host) = (try optional("method"), try optional("path"), try optional("host"))
        do throws(HTTPRule.FieldError) {
            return try HTTPRule(method: method, path: urlPath, host: host, headers: headers)
        } catch {
            throw self.error(node[error.field], "\(path).\(error.field)", error.message)
        }
    }

    func icmps(_ node: Node, path: String) throws(PolicyDecodingError) -> [CiliumPortRule.ICMPType] {
        var result: [CiliumPortRule.ICMPType] = []
        for (index, item) in try sequence(node, path: path).enumerated() {
            let itemPath = "\(path)[\(index)]"
            try allowOnly(["fields"], in: item, path: itemPath)
            guard let fields = item["fields"] else { continue }
            for (f, field) in try sequence(fields, path: "\(itemPath).fields").enumerated() {
                let fieldPath = "\(itemPath).fields[\(f)]"
                try allowOnly(["family", "type"], in: field, path: fieldPath)
                let family = try field["family"].map { v throws(PolicyDecodingError) in try string(v, at: field, path: "\(fieldPath).family") } ?? "IPv4"
                guard family == "IPv4" || family == "IPv6" else { throw error(field["family"], "\(fieldPath).family", "\"\(family)\" is not IPv4 or IPv6") }
                let text = try string(field["type"], at: field, path: "\(fieldPath).type")
                let ipv6 = family == "IPv6"
                guard let type = Int(text).flatMap({ (0...255).contains($0) ? $0 : nil }) ?? ICMPTypeNames.type(named: text, ipv6: ipv6) else {
                    throw error(field["type"], "\(fieldPath).type", "\"\(text)\" is not an ICMP\(ipv6 ? "v6" : "") type (a number 0-255 or a name such as EchoRequest)")
                }
                result.append(.init(ipv6: ipv6, type: type))
            }
        }
        return result
    }
}
