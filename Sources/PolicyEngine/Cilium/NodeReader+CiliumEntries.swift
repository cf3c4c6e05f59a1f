import FlowModel
import Yams

/// The entries of `ingress`, `egress`, `ingressDeny` and `egressDeny`: their peers.
extension NodeReader {
    func ciliumEntries(
        _ node: Node?, path: String, direction: NetworkPolicy.Direction, deny: Bool, _ context: CiliumRuleContext
    ) throws(PolicyDecodingError) -> [CiliumPeerRule] {
        guard let node else { return [] }
        let from = direction == .ingress ? "from" : "to"
        var keys: Set<String> = ["\(from)Endpoints", "\(from)Requires", "\(from)CIDR", "\(from)CIDRSet", "\(from)Entities", "\(from)Groups",
                                 "\(from)Nodes", "toPorts", "icmps"]
        if direction == .egress { keys.insert("toServices") }
        if direction == .egress && !deny { keys.insert("toFQDNs") }
        if !deny { keys.insert("authentication") }
        var entries: [CiliumPeerRule] = []
        for (index, item) in try sequence(node, path: path).enumerated() {
            let itemPath = "\(path)[\(index)]"
            if case .scalar(let scalar) = item, scalar.tag == .init(.null) || scalar.string.isEmpty {
                entries.append(CiliumPeerRule())
                continue
            }
            try allowOnly(keys, in: item, path: itemPath)
            for unsupported in ["\(from)Requires", "\(from)Groups", "\(from)Nodes"] where item[unsupported] != nil {
                throw error(item[unsupported], "\(itemPath).\(unsupported)", "is not supported by loupe's policy evaluation")
            }
            var entry = CiliumPeerRule()
            let l3Keys = ["\(from)Endpoints", "\(from)CIDR", "\(from)CIDRSet", "\(from)Entities", "toServices", "toFQDNs"]
            entry.peersGiven = l3Keys.contains { item[$0] != nil }
            if let n = item["\(from)Endpoints"] {
                var selectors: [EndpointSelector] = []
                for (e, selectorNode) in try sequence(n, path: "\(itemPath).\(from)Endpoints").enumerated() {
                    selectors.append(context.peerSelector(try selector(selectorNode, path: "\(itemPath).\(from)Endpoints[\(e)]")))
                }
                entry.endpoints = selectors
            }
            if let n = item["\(from)CIDR"] {
                for (text, itemNode, p) in try strings(n, path: "\(itemPath).\(from)CIDR") {
                    entry.cidrs.append(.init(cidr: try cidr(text, itemNode, p)))
                }
            }
            if let n = item["\(from)CIDRSet"] { entry.cidrs += try cidrSet(n, path: "\(itemPath).\(from)CIDRSet") }
            if let n = item["\(from)Entities"] {
                for (text, itemNode, p) in try strings(n, path: "\(itemPath).\(from)Entities") {
                    guard let entity = CiliumEntity(rawValue: text) else {
                        throw error(itemNode, p, "\"\(text)\" is not an entity (\(CiliumEntity.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    entry.entities.append(entity)
                }
            }
            if let n = item["toServices"] { entry.services = try services(n, path: "\(itemPath).toServices", context) }
            if let n = item["toFQDNs"] {
                for (f, fqdnNode) in try sequence(n, path: "\(itemPath).toFQDNs").enumerated() {
                    entry.fqdns.append(try dnsPattern(fqdnNode, path: "\(itemPath).toFQDNs[\(f)]"))
                }
            }
            if let n = item["toPorts"] {
                for (p, portNode) in try sequence(n, path: "\(itemPath).toPorts").enumerated() {
                    entry.ports.append(try ciliumPortRule(portNode, path: "\(itemPath).toPorts[\(p)]", deny: deny))
                }
            }
            if let n = item["icmps"] {
                guard item["toPorts"] == nil else {
                    throw error(n, "\(itemPath).icmps", "may only be present without toPorts; write a separate rule for toPorts")
                }
                entry.icmps = try icmps(n, path: "\(itemPath).icmps")
            }
            if let n = item["authentication"] {
                try allowOnly(["mode"], in: n, path: "\(itemPath).authentication")
                let mode = try string(n["mode"], at: n, path: "\(itemPath).authentication.mode")
                guard ["disabled", "required", "test-always-fail"].contains(mode) else {
                    throw error(n["mode"], "\(itemPath).authentication.mode", "\"\(mode)\" is not disabled, required or test-always-fail")
                }
                // `required` is taken as mutual authentication that succeeds; `test-always-fail` never does.
                entry.authenticationFails = mode == "test-always-fail"
            }
            if direction == .ingress, let index = entry.ports.firstIndex(where: { !($0.dns ?? []).isEmpty }) {
                throw error(item["toPorts"], "\(itemPath).toPorts[\(index)].rules.dns", "DNS rules are not supported on ingress")
            }
            // Cilium refuses peers of two kinds in one entry (pkg/policy/api rule_validation.go).
            let kinds = l3Keys.filter {
                guard let n = item[$0] else { return false }
                return n.sequence.map { !$0.isEmpty } ?? false
            }
            if kinds.count > 1 {
                throw error(item[kinds[1]], "\(itemPath).\(kinds[1])", "combining \(kinds[0]) and \(kinds[1]) in one rule is not supported (write two rules)")
            }
            entries.append(entry)
        }
        return entries
    }

    func cidr(_ text: String, _ node: Node, _ path: String) throws(PolicyDecodingError) -> IPPrefix {
        guard let prefix = IPPrefix.parse(text) ?? IPAddress.parse(text).map({ IPPrefix(address: $0, bits: $0.isIPv4 ? 32 : 128) }) else {
            throw error(node, path, "\"\(text)\" is not a CIDR (10.0.0.0/8) or an address")
        }
        return prefix
    }

    func cidrSet(_ node: Node, path: String) throws(PolicyDecodingError) -> [CiliumPeerRule.CIDRRule] {
        var rules: [CiliumPeerRule.CIDRRule] = []
        for (index, item) in try sequence(node, path: path).enumerated() {
            let itemPath = "\(path)[\(index)]"
            try allowOnly(["cidr", "except", "cidrGroupRef", "cidrGroupSelector"], in: item, path: itemPath)
            let given = ["cidr", "cidrGroupRef", "cidrGroupSelector"].filter { item[$0] != nil }
            guard given.count == 1 else {
                throw error(item, itemPath, given.isEmpty
                    ? "one of cidr, cidrGroupRef, or cidrGroupSelector is required"
                    : "more than one of cidr, cidrGroupRef, or cidrGroupSelector may not be set")
            }
            if given[0] != "cidr" {
                if let n = item["except"] { throw error(n, "\(itemPath).except", "except with a CIDR group is not supported (by Cilium either)") }
                if let n = item["cidrGroupRef"] {
                    rules.append(.init(group: .name(try string(n, at: item, path: "\(itemPath).cidrGroupRef"))))
                } else if let n = item["cidrGroupSelector"] {
                    rules.append(.init(group: .selector(EndpointSelector(try selector(n, path: "\(itemPath).cidrGroupSelector")))))
                }
                continue
            }
            let text = try string(item["cidr"], at: item, path: "\(itemPath).cidr")
            // A CIDRRule's cidr is a prefix; only fromCIDR/toCIDR take a bare address.
            guard let block = IPPrefix.parse(text) else {
                throw error(item["cidr"], "\(itemPath).cidr", "unable to parse CIDRRule \"\(text)\": not a CIDR (10.0.0.0/8)")
            }
            var except: [IPPrefix] = []
            if let n = item["except"] {
                for (value, valueNode, p) in try strings(n, path: "\(itemPath).except") {
                    let inner = try cidr(value, valueNode, p)
                    guard block.contains(inner.address), inner.bits >= block.bits else {
                        throw error(valueNode, p, "\(value) is not inside \(text)")
                    }
                    except.append(inner)
                }
            }
            rules.append(.init(cidr: block, except: except))
        }
        return rules
    }

    func services(_ node: Node, path: String, _ context: CiliumRuleContext) throws(PolicyDecodingError) -> [CiliumPeerRule.ServiceReference] {
        var result: [CiliumPeerRule.ServiceReference] = []
        for (index, item) in try sequence(node, path: path).enumerated() {
            let itemPath = "\(path)[\(index)]"
            try allowOnly(["k8sService", "k8sServiceSelector"], in: item, path: itemPath)
            if let n = item["k8sServiceSelector"] {
                throw error(n, "\(itemPath).k8sServiceSelector", "is not supported by loupe; name the service with k8sService")
            }
            guard let n = item["k8sService"] else { throw error(item, "\(itemPath).k8sService", "is required") }
            try allowOnly(["serviceName", "namespace"], in: n, path: "\(itemPath).k8sService")
            let name = try string(n["serviceName"], at: n, path: "\(itemPath).k8sService.serviceName")
            // No namespace: a service of that name in any namespace (pkg/policy/k8s serviceRefMatches).
            let namespace = try n["namespace"].map { v throws(PolicyDecodingError) in try string(v, at: n, path: "\(itemPath).k8sService.namespace") }
            result.append(.init(name: name, namespace: namespace))
        }
        return result
    }

    func dnsPattern(_ node: Node, path: String) throws(PolicyDecodingError) -> DNSNamePattern {
        try allowOnly(["matchName", "matchPattern"], in: node, path: path)
        switch (node["matchName"], node["matchPattern"]) {
        case (let n?, nil):
            let text = try string(n, at: node, path: "\(path).matchName")
            guard DNSNamePattern.isValid(text, kind: .matchName) else { throw error(n, "\(path).matchName", "\"\(text)\" is not a DNS name") }
            return DNSNamePattern(.matchName, text)
        case (nil, let n?):
            let text = try string(n, at: node, path: "\(path).matchPattern")
            guard DNSNamePattern.isValid(text, kind: .matchPattern) else {
                throw error(n, "\(path).matchPattern", "\"\(text)\" is not a DNS name pattern (letters, digits, '-', '.', '*')")
            }
            return DNSNamePattern(.matchPattern, text)
        default:
            throw error(node, path, "needs exactly one of matchName and matchPattern")
        }
    }
}
