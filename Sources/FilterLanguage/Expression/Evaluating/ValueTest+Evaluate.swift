import FlowModel
import HubbleAPI
import SwiftProtobuf

/// The meaning of each test on a generic value, written once and plainly.
extension ValueTest {
    func evaluate(_ value: FieldValue, field: FieldID, flow: Flow) -> Bool {
        if case .absent = value { return false }
        switch self {
        case .present:
            return true
        case .names(let matches):
            switch value {
            case .string(let s): return matches.contains { $0.qualifier == nil && $0.name.matches(s) }
            case .qualified(let ns, let name):
                return matches.contains { ($0.qualifier?.matches(ns) ?? true) && $0.name.matches(name) }
            case .workloads(let workloads):
                return workloads.contains { w in matches.contains { ($0.qualifier?.matches(w.kind) ?? true) && $0.name.matches(w.name) } }
            default: return false
            }
        case .fqdnPatterns(let set, _):
            guard case .strings(let names) = value else { return false }
            return names.contains { set.matches($0) }
        case .nodePatterns(let patterns, _):
            guard case .string(let name) = value else { return false }
            return patterns.contains { $0.matches(nodeName: name) }
        case .strings(let set):
            guard case .string(let s) = value else { return false }
            return set.contains(field == .httpMethod ? s.lowercased() : s)
        case .regex(let regex):
            switch value {
            case .string(let s): return regex.matches(s)
            case .strings(let list): return list.contains { regex.matches($0) }
            case .qualified(_, let name): return regex.matches(name)
            case .workloads(let list): return list.contains { regex.matches($0.name) }
            default: return false
            }
        case .addresses(let exact, let prefixes):
            guard case .address(let text) = value, let address = IPAddress.parse(text) else { return false }
            return exact.contains(address) || prefixes.contains { $0.contains(address) }
        case .numbers(let set):
            guard case .number(let n) = value else { return false }
            return set.contains(n)
        case .label(let selector):
            guard case .strings(let labels) = value else { return false }
            return selector.matches(labels)
        case .enumValues(let set):
            guard case .enumValue(let raw) = value else { return false }
            return set.contains(raw)
        case .protocols(let set):
            guard case .protocols(let l4, let l7) = value else { return false }
            if let l4, set.contains(l4) || (set.contains("icmp") && l4.hasPrefix("icmp")) { return true }
            if let l7, set.contains(l7) { return true }
            return false
        case .eventTypes(let filters):
            guard case .eventType(let type, let subType) = value else { return false }
            return filters.contains { ($0.type == 0 || $0.type == type) && (!$0.matchSubType || $0.subType == subType) }
        case .bool(let wanted):
            guard case .bool(let b) = value else { return false }
            return b == wanted
        case .flagMasks(let masks):
            guard case .number(let bits) = value else { return false }
            return masks.contains { UInt64($0) & bits == UInt64($0) }
        case .time(let op, let bound):
            guard case .time(let t) = value else { return false }
            return Self.compare(t, bound, op)
        case .field(let other, let op):
            return Self.compare(value, FieldValue.of(other, in: flow), op)
        }
    }

    static func compare(_ a: Google_Protobuf_Timestamp, _ b: Google_Protobuf_Timestamp, _ op: ComparisonOperator) -> Bool {
        let order = a.seconds != b.seconds ? (a.seconds < b.seconds ? -1 : 1) : (a.nanos < b.nanos ? -1 : a.nanos == b.nanos ? 0 : 1)
        return compare(order: order, op)
    }

    static func compare(order: Int, _ op: ComparisonOperator) -> Bool {
        switch op {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessOrEqual: order <= 0
        case .greater: order > 0
        case .greaterOrEqual: order >= 0
        case .matches, .notMatches: false
        }
    }

    /// Two fields of one type; either absent → false.
    static func compare(_ a: FieldValue, _ b: FieldValue, _ op: ComparisonOperator) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return compare(order: x == y ? 0 : (x < y ? -1 : 1), op)
        case (.qualified(let n1, let x), .qualified(let n2, let y)): return compare(order: n1 == n2 && x == y ? 0 : 1, op)
        case (.number(let x), .number(let y)): return compare(order: x == y ? 0 : (x < y ? -1 : 1), op)
        case (.address(let x), .address(let y)):
            guard let p = IPAddress.parse(x), let q = IPAddress.parse(y) else { return false }
            return compare(order: p == q ? 0 : 1, op)
        case (.enumValue(let x), .enumValue(let y)): return compare(order: x == y ? 0 : 1, op)
        case (.bool(let x), .bool(let y)): return compare(order: x == y ? 0 : 1, op)
        case (.time(let x), .time(let y)): return compare(x, y, op)
        case (.strings(let x), .strings(let y)): return compare(order: Set(x) == Set(y) ? 0 : 1, op)
        case (.workloads(let x), .workloads(let y)):
            return compare(order: x.map { [$0.kind, $0.name] } == y.map { [$0.kind, $0.name] } ? 0 : 1, op)
        case (.eventType(let t1, let s1), .eventType(let t2, let s2)): return compare(order: t1 == t2 && s1 == s2 ? 0 : 1, op)
        default: return false
        }
    }
}
