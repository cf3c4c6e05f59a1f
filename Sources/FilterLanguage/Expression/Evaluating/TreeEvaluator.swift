import FlowModel
import HubbleAPI

/// The straightforward way to run an expression: walk the tree for every flow, look each field up by
/// its name, read it into a generic value and compare. It defines what an expression means; the
/// compiled matcher must agree with it on every flow, only much faster.
public struct TreeEvaluator: Sendable {
    public let predicate: Predicate

    public init(_ predicate: Predicate) {
        self.predicate = predicate
    }

    public func matches(_ flow: Flow) -> Bool {
        Self.evaluate(predicate, flow)
    }

    static func evaluate(_ predicate: Predicate, _ flow: Flow) -> Bool {
        switch predicate {
        case .constant(let value):
            return value
        case .and(let parts):
            for part in parts where !evaluate(part, flow) { return false }
            return true
        case .or(let parts):
            for part in parts where evaluate(part, flow) { return true }
            return false
        case .not(let inner, _):
            return !evaluate(inner, flow)
        case .atom(let atom):
            guard let field = FieldCatalogue.field(named: atom.field.name)?.fields.first else { return false }
            return atom.test.evaluate(FieldValue.of(field, in: flow), field: field, flow: flow)
        }
    }
}
