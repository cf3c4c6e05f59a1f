import FlowModel
import HubbleAPI

/// Lowers a checked expression to one closure per node. Atoms get closures specialised for their field
/// and test (no lookup by name, no generic values, no allocation); `and` and `or` run their cheapest
/// operands first, which is safe because tests have no side effects.
enum MatcherCompiler {
    static func compile(_ predicate: Predicate) -> FlowTest {
        switch predicate {
        case .constant(let value):
            return { _ in value }
        case .not(let inner, _):
            let test = compile(inner)
            return { !test($0) }
        case .and(let parts):
            return FlowTestCombination.all(parts.sorted { cost($0) < cost($1) }.map(compile))
        case .or(let parts):
            return FlowTestCombination.any(parts.sorted { cost($0) < cost($1) }.map(compile))
        case .atom(let atom):
            return compile(atom)
        }
    }

    /// A rough relative cost of evaluating a predicate, to order operands.
    static func cost(_ predicate: Predicate) -> Int {
        switch predicate {
        case .constant: return 0
        case .not(let inner, _): return cost(inner)
        case .and(let parts), .or(let parts): return parts.reduce(0) { $0 + cost($1) }
        case .atom(let atom):
            switch atom.test {
            case .bool, .enumValues, .eventTypes, .present, .flagMasks: return 1
            case .numbers, .protocols, .strings, .time: return 2
            case .names, .addresses, .field: return 3
            case .nodePatterns, .fqdnPatterns, .label: return 6
            case .regex: return 20
            }
        }
    }

    static func compile(_ atom: Atom) -> FlowTest {
        if let specialised = specialised(atom) { return specialised }
        let field = atom.field
        let test = atom.test
        return { flow in test.evaluate(FieldValue.of(field, in: flow), field: field, flow: flow) }
    }
}
