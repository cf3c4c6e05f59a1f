import FlowModel
import Yams

/// `cilium.io/v2` CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy manifests, read as strictly
/// as NetworkPolicies: the fields of Cilium's API types (pkg/policy/api: `Rule`, `IngressRule`,
/// `EgressRule`, their deny forms, `PortRule`, `L7Rules`), each error at its line and path.
extension NodeReader {
    func ciliumPolicy(_ node: Node) throws(PolicyDecodingError) -> CiliumPolicy {
        try allowOnly(["apiVersion", "kind", "metadata", "spec", "specs", "status"], in: node, path: "")
        let apiVersion = try string(node["apiVersion"], at: node, path: "apiVersion")
        guard apiVersion == "cilium.io/v2" else {
            throw error(node["apiVersion"], "apiVersion", "\"\(apiVersion)\" is not cilium.io/v2")
        }
        let kindText = try string(node["kind"], at: node, path: "kind")
        guard let kind = CiliumPolicy.Kind(rawValue: kindText) else {
            throw error(node["kind"], "kind", "\"\(kindText)\" is not CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy")
        }
        guard let metadata = node["metadata"] else { throw error(node, "metadata", "is required") }
        let name = try string(metadata["name"], at: metadata, path: "metadata.name")
        guard Self.isDNSLabel(name, maxLength: 253, dots: true) else {
            throw error(metadata["name"], "metadata.name", "\"\(name)\" is not a valid name (lower-case letters, digits, '-' and '.')")
        }
        var namespace: String? = nil
        if kind == .namespaced {
            namespace = try metadata["namespace"].map { n throws(PolicyDecodingError) in try string(n, at: metadata, path: "metadata.namespace") }
                ?? "default"
        }
        var rules: [CiliumRule] = []
        if let spec = node["spec"] { rules.append(try ciliumRule(spec, path: "spec", kind: kind, namespace: namespace)) }
        if let specs = node["specs"] {
            for (index, item) in try sequence(specs, path: "specs").enumerated() {
                rules.append(try ciliumRule(item, path: "specs[\(index)]", kind: kind, namespace: namespace))
            }
        }
        guard !rules.isEmpty else { throw error(node, "spec", "is required (or specs)") }
        return CiliumPolicy(kind: kind, name: name, namespace: namespace, rules: rules)
    }

    /// A `CiliumCIDRGroup` (`cilium.io/v2alpha1`, or `v2`): `metadata.name`, `labels`, `spec.externalCIDRs`.
    func cidrGroup(_ node: Node) throws(PolicyDecodingError) -> CIDRGroup {
        try allowOnly(["apiVersion", "kind", "metadata", "spec", "status"], in: node, path: "")
        let apiVersion = try string(node["apiVersion"], at: node, path: "apiVersion")
        guard apiVersion == "cilium.io/v2alpha1" || apiVersion == "cilium.io/v2" else {
            throw error(node["apiVersion"], "apiVersion", "\"\(apiVersion)\" is not cilium.io/v2alpha1 or cilium.io/v2")
        }
        guard let metadata = node["metadata"] else { throw error(node, "metadata", "is required") }
        let name = try string(metadata["name"], at: metadata, path: "metadata.name")
        var labels: [String: String] = [:]
        if let n = metadata["labels"] {
            for (key, value) in try mapping(n, path: "metadata.labels") {
                let label = try string(key, at: n, path: "metadata.labels")
                labels[label] = try string(value, at: n, path: "metadata.labels.\(label)")
            }
        }
        guard let spec = node["spec"] else { throw error(node, "spec", "is required") }
        try allowOnly(["externalCIDRs"], in: spec, path: "spec")
        var cidrs: [IPPrefix] = []
        if let n = spec["externalCIDRs"] {
            for (text, item, path) in try strings(n, path: "spec.externalCIDRs") { cidrs.append(try cidr(text, item, path)) }
        }
        return CIDRGroup(name: name, labels: labels, cidrs: cidrs)
    }

    func ciliumRule(_ node: Node, path: String, kind: CiliumPolicy.Kind, namespace: String?) throws(PolicyDecodingError) -> CiliumRule {
        try allowOnly(
            ["endpointSelector", "nodeSelector", "ingress", "ingressDeny", "egress", "egressDeny", "labels", "description",
             "enableDefaultDeny", "log"], in: node, path: path)
        var selector: EndpointSelector
        switch (node["endpointSelector"], node["nodeSelector"]) {
        case (let n?, nil):
            selector = EndpointSelector(try self.selector(n, path: "\(path).endpointSelector"))
            if let namespace { selector.matchLabels["k8s:io.kubernetes.pod.namespace"] = namespace }
        case (nil, let n?):
            guard kind == .clusterwide else {
                throw error(n, "\(path).nodeSelector", "host policies (nodeSelector) exist only in a CiliumClusterwideNetworkPolicy")
            }
            throw error(n, "\(path).nodeSelector", "host policies are not simulated by loupe: its nodes have no host endpoint")
        case (.some, .some):
            throw error(node, path, "endpointSelector and nodeSelector cannot both be set")
        case (nil, nil):
            throw error(node, "\(path).endpointSelector", "is required (or nodeSelector)")
        }
        var rule = CiliumRule(path: path, endpointSelector: selector)
        let context = CiliumRuleContext(kind: kind, namespace: namespace)
        rule.ingress = try ciliumEntries(node["ingress"], path: "\(path).ingress", direction: .ingress, deny: false, context)
        rule.ingressDeny = try ciliumEntries(node["ingressDeny"], path: "\(path).ingressDeny", direction: .ingress, deny: true, context)
        rule.egress = try ciliumEntries(node["egress"], path: "\(path).egress", direction: .egress, deny: false, context)
        rule.egressDeny = try ciliumEntries(node["egressDeny"], path: "\(path).egressDeny", direction: .egress, deny: true, context)
        guard !(rule.ingress.isEmpty && rule.ingressDeny.isEmpty && rule.egress.isEmpty && rule.egressDeny.isEmpty) else {
            throw error(node, path, "rule must have at least one of ingress, ingressDeny, egress, egressDeny (ingress: [{}] denies every ingress)")
        }
        if let n = node["enableDefaultDeny"] {
            try allowOnly(["ingress", "egress"], in: n, path: "\(path).enableDefaultDeny")
            rule.defaultDenyIngress = try n["ingress"].map { v throws(PolicyDecodingError) in try bool(v, path: "\(path).enableDefaultDeny.ingress") }
            rule.defaultDenyEgress = try n["egress"].map { v throws(PolicyDecodingError) in try bool(v, path: "\(path).enableDefaultDeny.egress") }
        }
        return rule
    }

    func bool(_ node: Node, path: String) throws(PolicyDecodingError) -> Bool {
        guard case .scalar(let scalar) = node, let value = Bool.construct(from: scalar) else {
            throw error(node, path, "expected true or false")
        }
        return value
    }

    func strings(_ node: Node, path: String) throws(PolicyDecodingError) -> [(String, Node, String)] {
        var result: [(String, Node, String)] = []
        for (index, item) in try sequence(node, path: path).enumerated() {
            result.append((try string(item, at: node, path: "\(path)[\(index)]"), item, "\(path)[\(index)]"))
        }
        return result
    }
}

/// What an entry's selectors need from the policy around them.
struct CiliumRuleContext {
    var kind: CiliumPolicy.Kind
    var namespace: String?

    /// A peer selector as Cilium reads it (pkg/k8s/apis/cilium.io/utils `getEndpointSelector`):
    /// unless it names a reserved label or the namespace label itself (or, in a namespaced policy,
    /// namespace labels), a namespaced policy's selector is limited to the policy's namespace, and a
    /// clusterwide one's to endpoints with a namespace. (Cilium also limits peers to the local
    /// cluster, which every simulated pod is in.)
    func peerSelector(_ spec: LabelSelectorSpec) -> EndpointSelector {
        var selector = EndpointSelector(spec)
        let keys = Array(spec.matchLabels.keys) + spec.matchExpressions.map(\.key)
        if keys.contains(where: { CiliumLabels.split($0).source == "reserved" }) { return selector }
        if selector.constrains("io.kubernetes.pod.namespace") { return selector }
        if let namespace {
            // A selector on namespace labels reaches other namespaces.
            if keys.contains(where: { CiliumLabels.split($0).key.hasPrefix("io.cilium.k8s.namespace.labels.") }) { return selector }
            selector.matchLabels["k8s:io.kubernetes.pod.namespace"] = namespace
        } else {
            selector.matchExpressions.append(.init(key: "k8s:io.kubernetes.pod.namespace", operator: .exists))
        }
        return selector
    }
}
