import HubbleAPI
import SwiftProtobuf

/// A field mask over `flow.Flow`, validated and compiled once: paths are proto names
/// (`source.pod_name`, `IP`, `Summary`), normalised (sorted, duplicates and paths under an already
/// selected path removed), and applied as a copy of the selected leaves.
public struct FlowFieldMask: Sendable, Equatable {
    /// The normalised paths.
    public let paths: [String]
    /// The paths as given, in their order (what a request carries).
    public let requestedPaths: [String]
    let root: FieldMaskNode

    /// Why a path cannot be used.
    public struct InvalidPath: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        /// The reference CLI's wording.
        public var description: String { "proto: invalid path \"\(path)\" for message \"flow.Flow\"" }
    }

    /// The mask `hubble observe` sends for compact, dict and table output (`protocol.md` §11.3).
    public static let referenceDefaultPaths = [
        "time", "verdict", "ethernet", "IP", "l4", "source.identity", "source.namespace", "source.pod_name",
        "destination.identity", "destination.namespace", "destination.pod_name", "Type", "node_name", "l7",
        "event_type", "source_service", "destination_service", "is_reply", "Summary", "ip_trace_id",
    ]

    public init(paths: [String]) throws(InvalidPath) {
        for path in paths where !Self.isValid(path, in: Flow_Flow.self) { throw InvalidPath(path: path) }
        let normalised = Self.normalise(paths)
        var root = FieldMaskNode()
        for path in normalised {
            Self.insert(path.split(separator: ".", omittingEmptySubsequences: false)[...], type: Flow_Flow.self, into: &root)
        }
        self.paths = normalised
        requestedPaths = paths
        self.root = root
    }

    /// An empty mask selects everything.
    public var isEmpty: Bool { paths.isEmpty }

    /// The selection tree, nil when the mask selects everything.
    public var node: FieldMaskNode? { isEmpty ? nil : root }

    public func apply(to flow: Flow) -> Flow {
        isEmpty ? flow : flow.masked(by: root)
    }

    static func isValid(_ path: String, in type: any HubbleFieldMaskable.Type) -> Bool {
        var current: (any HubbleFieldMaskable.Type)? = type
        for component in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard let message = current, let field = message.maskField(named: component) else { return false }
            if case .message(let child) = field.kind { current = child } else { current = nil }
        }
        return !path.isEmpty
    }

    /// Sorted, without duplicates, without paths inside an already selected path.
    static func normalise(_ paths: [String]) -> [String] {
        var result: [String] = []
        for path in Set(paths).sorted() {
            if let last = result.last, path.hasPrefix(last + ".") { continue }
            result.append(path)
        }
        return result
    }

    private static func insert(_ components: ArraySlice<Substring>, type: any HubbleFieldMaskable.Type, into node: inout FieldMaskNode) {
        guard let first = components.first, let field = type.maskField(named: first) else { return }
        let rest = components.dropFirst()
        if let at = node.selections.firstIndex(where: { $0.field == field.index }) {
            guard !rest.isEmpty, var child = node.selections[at].child, case .message(let childType) = field.kind else { return }
            insert(rest, type: childType, into: &child)
            node.selections[at].child = child
            return
        }
        var selection = FieldMaskNode.Selection(field: field.index, child: nil)
        if !rest.isEmpty, case .message(let childType) = field.kind {
            var child = FieldMaskNode()
            insert(rest, type: childType, into: &child)
            selection.child = child
        }
        node.selections.append(selection)
    }
}
