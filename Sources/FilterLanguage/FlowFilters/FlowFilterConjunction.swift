import FlowModel
import HubbleAPI
import SwiftProtobuf

/// Two pairs of allow and deny lists that must both hold, as one pair a server can apply: the filter
/// flags and an expression's plan, for one request. Deny lists simply add up. Allow lists pair up
/// entry by entry; two entries merge into one FlowFilter, exactly when they set different fields,
/// and as a superset (the values of a field shared by both are pooled) when they do not.
public struct FlowFilterConjunction: Sendable {
    public var allow: [Flow_FlowFilter]
    public var deny: [Flow_FlowFilter]
    /// Whether the lists select exactly what both pairs together select.
    public var isExact: Bool

    /// The most allow entries pairing may produce; past it, only the longer list's side is kept.
    public static let entryLimit = 64

    public init(
        _ a: (allow: [Flow_FlowFilter], deny: [Flow_FlowFilter]), _ b: (allow: [Flow_FlowFilter], deny: [Flow_FlowFilter])
    ) {
        deny = a.deny + b.deny
        if a.allow.isEmpty || b.allow.isEmpty {
            allow = a.allow.isEmpty ? b.allow : a.allow
            isExact = true
            return
        }
        guard a.allow.count * b.allow.count <= Self.entryLimit else {
            // Either list alone is a superset of their conjunction.
            allow = a.allow.count <= b.allow.count ? a.allow : b.allow
            isExact = false
            return
        }
        var merged: [Flow_FlowFilter] = []
        var exact = true
        for left in a.allow {
            for right in b.allow {
                let (filter, disjoint) = Self.merge(left, right)
                exact = exact && disjoint
                if !merged.contains(filter) { merged.append(filter) }
            }
        }
        allow = merged
        isExact = exact
    }

    /// `left` with `right`'s fields added (protobuf merging: repeated fields are concatenated), and
    /// whether the two set no field in common.
    static func merge(_ left: Flow_FlowFilter, _ right: Flow_FlowFilter) -> (Flow_FlowFilter, disjoint: Bool) {
        guard let leftBytes: [UInt8] = try? left.serializedBytes(), let rightBytes: [UInt8] = try? right.serializedBytes() else {
            return (left, false)
        }
        var merged = left
        do {
            try merged.merge(serializedBytes: rightBytes)
        } catch {
            return (left, false)
        }
        let shared = fieldNumbers(leftBytes).intersection(fieldNumbers(rightBytes))
        let dropped = merged.dropHTTPFieldsUnlessEventTypeAdmitsL7()
        return (merged, shared.isEmpty && !dropped)
    }

    /// The field numbers present in a serialized message (top level).
    static func fieldNumbers(_ bytes: [UInt8]) -> Set<Int> {
        var numbers = Set<Int>()
        var i = 0
        func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while i < bytes.count {
                let byte = bytes[i]
                i += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return value }
                shift += 7
                if shift > 63 { return nil }
            }
            return nil
        }
        while i < bytes.count, let tag = varint() {
            numbers.insert(Int(tag >> 3))
            switch tag & 7 {
            case 0: _ = varint()
            case 1: i += 8
            case 2: i += Int(varint() ?? UInt64(bytes.count))
            case 5: i += 4
            default: return numbers
            }
        }
        return numbers
    }
}
