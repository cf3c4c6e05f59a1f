import FlowModel
import HubbleAPI

/// The side-specific fields: addresses, pods, services, names, labels, ports, workloads, clusters.
extension FlowFilterCompiler {
    static func ip(_ values: [String], _ side: Side) throws(FlowFilterError) -> FlowTest? {
        guard let match = try addressMatcher(values) else { return nil }
        return { flow in flow.address(side).map(match) ?? false }
    }

    static func translatedIP(_ values: [String]) throws(FlowFilterError) -> FlowTest? {
        guard let match = try addressMatcher(values) else { return nil }
        return { flow in flow.translatedSourceAddress.map(match) ?? false }
    }

    /// Exact strings for addresses, containment for prefixes (values with a `/`).
    static func addressMatcher(_ values: [String]) throws(FlowFilterError) -> (@Sendable (String) -> Bool)? {
        guard !values.isEmpty else { return nil }
        var exact = Set<String>()
        var prefixes: [IPPrefix] = []
        for value in values {
            if value.contains("/") {
                switch IPPrefix.parseReportingError(value) {
                case .success(let prefix): prefixes.append(prefix)
                case .failure(let error):
                    throw FlowFilterError("invalid IP prefix \(GoQuote.quote(value)) in filter: \(error)")
                }
            } else {
                switch IPAddress.parseReportingError(value) {
                case .success: exact.insert(value)
                case .failure(let error):
                    throw FlowFilterError("invalid IP address \(GoQuote.quote(value)) in filter: \(error)")
                }
            }
        }
        return { [exact, prefixes] address in
            if exact.contains(address) { return true }
            guard !prefixes.isEmpty, let parsed = IPAddress.parse(address) else { return false }
            return prefixes.contains { $0.contains(parsed) }
        }
    }

    /// `namespace/prefix` values: the namespace must equal (when given), the name must start with the
    /// prefix (when given). A value without `/` names a pod in `default`.
    struct NamespacedPrefix: Sendable {
        var namespace: String
        var prefix: String

        init(_ value: String) {
            let parts = value.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 1 {
                namespace = "default"
                prefix = value
            } else {
                namespace = String(parts[0])
                prefix = String(parts[1])
            }
        }

        func matches(namespace ns: String, name: String) -> Bool {
            (prefix.isEmpty || name.hasPrefix(prefix)) && (namespace.isEmpty || namespace == ns)
        }
    }

    static func namespacedPrefixes(_ values: [String], error: String) throws(FlowFilterError) -> [NamespacedPrefix] {
        var parsed: [NamespacedPrefix] = []
        for value in values {
            guard !value.isEmpty else { throw FlowFilterError(error) }
            parsed.append(NamespacedPrefix(value))
        }
        return parsed
    }

    static func pod(_ values: [String], _ side: Side) throws(FlowFilterError) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        let filters = try namespacedPrefixes(values, error: "invalid filter, name must not be empty")
        return { flow in
            guard let namespace = flow.namespace(side), let pod = flow.podName(side), !(namespace.isEmpty && pod.isEmpty) else {
                return false
            }
            return filters.contains { $0.matches(namespace: namespace, name: pod) }
        }
    }

    static func service(_ values: [String], _ side: Side) throws(FlowFilterError) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        let filters = try namespacedPrefixes(
            values, error: "invalid \(side.word) service filter: invalid filter, name must not be empty")
        return { flow in
            guard let service = flow.service(side), !(service.namespace.isEmpty && service.name.isEmpty) else { return false }
            return filters.contains { $0.matches(namespace: service.namespace, name: service.name) }
        }
    }

    static func workload(_ values: [Flow_Workload], _ side: Side) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        return { flow in
            guard let workloads = flow.workloads(side) else { return false }
            return workloads.contains { workload in
                values.contains { ($0.name.isEmpty || $0.name == workload.name) && ($0.kind.isEmpty || $0.kind == workload.kind) }
            }
        }
    }

    static func cluster(_ values: [String], _ side: Side) throws(FlowFilterError) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        if values.contains("") { throw FlowFilterError("invalid filter, name must not be empty") }
        let set = Set(values)
        return { flow in
            guard let cluster = flow.clusterName(side) else { return false }
            return set.contains(cluster)
        }
    }

    static func fqdn(_ values: [String], _ side: Side) throws(FlowFilterError) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        let patterns: NamePatternSet
        do {
            patterns = try NamePatternSet(fqdns: values)
        } catch {
            throw FlowFilterError(error.description)
        }
        return { flow in flow.names(side).contains { patterns.matches($0) } }
    }

    static func labels(_ values: [String], _ side: Side) throws(FlowFilterError) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        let selectors = try selectorList(values, what: side.word)
        return { flow in
            let labels = flow.labels(side) ?? []
            return selectors.contains { $0.matches(labels) }
        }
    }

    static func nodeLabels(_ values: [String]) throws(FlowFilterError) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        let selectors = try selectorList(values, what: "node")
        return { flow in selectors.contains { $0.matches(flow.nodeLabels) } }
    }

    static func selectorList(_ values: [String], what: String) throws(FlowFilterError) -> [LabelSelector] {
        var selectors: [LabelSelector] = []
        for value in values {
            do {
                selectors.append(try LabelSelector(value))
            } catch {
                throw FlowFilterError("invalid \(what) label filter: \(error.description)")
            }
        }
        return selectors
    }

    static func port(_ values: [String], _ side: Side) throws(FlowFilterError) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        var ports = Set<UInt32>()
        for value in values {
            switch GoNumber.parseUnsigned(value, bits: 16) {
            case .success(let n): ports.insert(UInt32(n))
            case .failure(let error):
                throw FlowFilterError("invalid \(side.word) port filter: invalid port \(GoQuote.quote(value)): \(error)")
            }
        }
        return { [ports] flow in flow.port(side).map { ports.contains($0) } ?? false }
    }

    static func nodeName(_ values: [String]) throws(FlowFilterError) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        var patterns: [NodeNamePattern] = []
        for value in values {
            do {
                patterns.append(try NodeNamePattern(value))
            } catch {
                throw FlowFilterError(error.description)
            }
        }
        return { [patterns] flow in patterns.contains { $0.matches(nodeName: flow.nodeName) } }
    }
}
