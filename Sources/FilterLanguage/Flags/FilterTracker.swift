import FlowModel
import HubbleAPI

/// One of the reference CLI's two filter trackers (allow or deny): a source-side FlowFilter (*left*)
/// and a destination-side one (*right*), which symmetric flags fill side by side.
struct FilterTracker {
    var left = Flow_FlowFilter()
    var right = Flow_FlowFilter()
    var touched = false
    /// Flags used in this tracker, for the conflict groups.
    var used: Set<String> = []
    var namespaces: [String] = []
    var fromNamespaces: [String] = []
    var toNamespaces: [String] = []

    typealias Strings = WritableKeyPath<Flow_FlowFilter, [String]>

    mutating func both<T>(_ path: WritableKeyPath<Flow_FlowFilter, [T]>, _ value: T) {
        touched = true
        left[keyPath: path].append(value)
        right[keyPath: path].append(value)
    }

    /// A symmetric flag: the source field of *left*, the destination field of *right*.
    mutating func symmetric<T>(_ source: WritableKeyPath<Flow_FlowFilter, [T]>, _ destination: WritableKeyPath<Flow_FlowFilter, [T]>, _ value: T) {
        touched = true
        left[keyPath: source].append(value)
        right[keyPath: destination].append(value)
    }

    /// The conflict groups of the reference, in its order.
    static let conflictGroups: [[String]] = [
        ["from-fqdn", "from-ip", "ip", "fqdn", "from-namespace", "namespace", "from-all-namespaces", "all-namespaces"],
        ["from-fqdn", "from-ip", "ip", "fqdn", "from-pod", "pod"],
        ["to-fqdn", "to-ip", "ip", "fqdn", "to-namespace", "namespace", "to-all-namespaces", "all-namespaces"],
        ["to-fqdn", "to-ip", "ip", "fqdn", "to-pod", "pod"],
        ["to-pod", "namespace", "all-namespaces"],
        ["from-pod", "namespace", "all-namespaces"],
        ["to-service", "namespace", "all-namespaces"],
        ["from-service", "namespace", "all-namespaces"],
        ["label", "from-label"], ["label", "to-label"],
        ["service", "from-service"], ["service", "to-service"],
        ["port", "to-port"], ["port", "from-port"],
        ["identity", "to-identity"], ["identity", "from-identity"],
        ["workload", "to-workload"], ["workload", "from-workload"],
        ["encrypted", "unencrypted"],
    ]

    /// Records `flag` as used; the message of the first group it now conflicts in.
    mutating func use(_ flag: String) -> String? {
        used.insert(flag)
        for group in Self.conflictGroups where group.contains(flag) {
            let present = group.filter { used.contains($0) }
            if present.count > 1 { return "filters --\(present[0]) and --\(present[1]) cannot be combined" }
        }
        return nil
    }

    /// The sides each kind of namespace flag applies to: (filter, pod field, service field).
    private static func sides(for kind: NamespaceKind) -> [(isLeft: Bool, pods: Strings, services: Strings)] {
        switch kind {
        case .either: [(true, \.sourcePod, \.sourceService), (false, \.destinationPod, \.destinationService)]
        case .from: [(true, \.sourcePod, \.sourceService), (false, \.sourcePod, \.sourceService)]
        case .to: [(true, \.destinationPod, \.destinationService), (false, \.destinationPod, \.destinationService)]
        }
    }

    enum NamespaceKind { case either, from, to }

    private func list(_ kind: NamespaceKind) -> [String] {
        switch kind {
        case .either: namespaces
        case .from: fromNamespaces
        case .to: toNamespaces
        }
    }

    /// The namespace checks the reference runs as each flag is added.
    func namespaceConflict() -> String? {
        for kind in [NamespaceKind.either, .from, .to] {
            let namespaces = list(kind)
            for side in Self.sides(for: kind) {
                let filter = side.isLeft ? left : right
                for value in filter[keyPath: side.pods] + filter[keyPath: side.services] {
                    guard let slash = value.firstIndex(of: "/") else { continue }
                    let ns = String(value[..<slash])
                    if let other = namespaces.first(where: { !$0.isEmpty && $0 != ns }) {
                        return "namespace conflict: \(GoQuote.quote(other)) does not contain \(GoQuote.quote(value))"
                    }
                }
            }
        }
        for filter in [left, right] {
            for (pods, services) in [(filter.sourcePod, filter.sourceService), (filter.destinationPod, filter.destinationService)] {
                for service in services {
                    guard let slash = service.firstIndex(of: "/") else { continue }
                    let ns = service[..<slash]
                    for pod in pods {
                        guard let podSlash = pod.firstIndex(of: "/") else { continue }
                        let podNamespace = pod[..<podSlash]
                        if podNamespace != ns {
                            return "namespace of service \(GoQuote.quote(service)) conflict with pod \(GoQuote.quote(String(podNamespace)))"
                        }
                    }
                }
            }
        }
        return nil
    }

    /// The tracker's FlowFilters, namespaces applied: `[left, right]`, `[left]` when equal, `[]` untouched.
    func finished() -> [Flow_FlowFilter] {
        guard touched else { return [] }
        var left = left
        var right = right
        for kind in [NamespaceKind.either, .from, .to] {
            let namespaces = list(kind)
            guard !namespaces.isEmpty else { continue }
            for side in Self.sides(for: kind) {
                if side.isLeft {
                    Self.apply(namespaces, to: &left, pods: side.pods, services: side.services)
                } else {
                    Self.apply(namespaces, to: &right, pods: side.pods, services: side.services)
                }
            }
        }
        return left == right ? [left] : [left, right]
    }

    private static func apply(_ namespaces: [String], to filter: inout Flow_FlowFilter, pods: Strings, services: Strings) {
        if filter[keyPath: pods].isEmpty && filter[keyPath: services].isEmpty { filter[keyPath: pods] = [""] }
        func qualify(_ values: [String]) -> [String] {
            values.flatMap { value in value.contains("/") ? [value] : namespaces.map { "\($0)/\(value)" } }
        }
        filter[keyPath: pods] = qualify(filter[keyPath: pods])
        filter[keyPath: services] = qualify(filter[keyPath: services])
    }
}
