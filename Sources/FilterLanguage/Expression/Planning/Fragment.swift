import FlowModel
import HubbleAPI

/// One FlowFilter field with its values: what one atom becomes on the server.
struct Fragment {
    /// The FlowFilter field, by its proto name (`destination_port`).
    var key: String
    var values: [AnyHashable]
    /// Whether two fragments of this field in one clause can be merged by intersecting their values:
    /// true for fields that hold one value per flow (a verdict, a port), false for patterns, prefixes,
    /// selectors and regular expressions.
    var intersectable: Bool
    private var write: @Sendable (inout Flow_FlowFilter, [AnyHashable]) -> Void

    static func list<T: Hashable & Sendable>(
        _ path: any WritableKeyPath<Flow_FlowFilter, [T]> & Sendable, _ key: String, _ values: [T], intersectable: Bool = true
    ) -> Fragment {
        Fragment(key: key, values: values.map(AnyHashable.init), intersectable: intersectable) { filter, values in
            filter[keyPath: path] = values.compactMap { $0.base as? T }
        }
    }

    init(key: String, values: [AnyHashable], intersectable: Bool, write: @escaping @Sendable (inout Flow_FlowFilter, [AnyHashable]) -> Void) {
        self.key = key
        self.values = values
        self.intersectable = intersectable
        self.write = write
    }

    func apply(to filter: inout Flow_FlowFilter) { write(&filter, values) }
}

/// What the server can do with one atom.
enum PushDown {
    /// The fragment selects exactly the flows the atom accepts.
    case exact(Fragment)
    /// The fragment selects more flows than the atom (a prefix for an exact name).
    case superset(Fragment, reason: String)
    /// No FlowFilter field expresses the atom; the server passes everything for it.
    case none(reason: String)
}
