import FlowModel
import HubbleAPI
import SwiftProtobuf

/// A checked expression: every name resolved to a field, every literal to a typed value. The compiler,
/// the tree-walking evaluator and the planner all read this form.
public indirect enum Predicate: Sendable {
    case constant(Bool)
    case and([Predicate])
    case or([Predicate])
    /// Negation, with the range of what it negates as written (`not (…)`, `ns != x`).
    case not(Predicate, SourceRange)
    case atom(Atom)
}

/// One test of one field, with the text it was written as.
public struct Atom: Sendable {
    public var field: FieldID
    public var test: ValueTest
    /// The comparison as written (`dst.port in {80, 443}`), for explanations.
    public var text: String
    public var range: SourceRange
}

/// What an atom checks of its field's value. A field without a value fails every test but `present`'s
/// negation (absent data compares false).
public enum ValueTest: Sendable {
    /// `has(field)`.
    case present
    /// Any of these names (exact or glob; `ns/name` pairs for pods, services and workloads).
    case names([NameMatch])
    /// Hubble FQDN patterns, kept as written for push-down.
    case fqdnPatterns(NamePatternSet, [String])
    case nodePatterns([NodeNamePattern], [String])
    /// Any of these strings.
    case strings(Set<String>)
    case regex(FlowRegex)
    case addresses(Set<IPAddress>, [IPPrefix])
    case numbers(NumberSet)
    case label(LabelSelector)
    /// Enum raw values (verdict, drop reason, direction, IP version).
    case enumValues(Set<Int>)
    case protocols(Set<String>)
    case eventTypes([Flow_EventTypeFilter])
    case bool(Bool)
    /// TCP flag sets (bits of `TCPFlagMask`): true when every flag of one of them is set.
    case flagMasks([UInt16])
    case time(ComparisonOperator, Google_Protobuf_Timestamp)
    /// Comparison with another field of the same type (`src.ns == dst.ns`).
    case field(FieldID, ComparisonOperator)
}

/// A name literal: exact, or a glob with `*`; for pods, services and workloads optionally with a
/// namespace (or kind) part before a `/`.
public struct NameMatch: Sendable, Hashable {
    public var qualifier: GlobPattern?
    public var name: GlobPattern
    public var text: String
}

/// `*` matches any run of characters; everything else is literal.
public struct GlobPattern: Sendable, Hashable {
    public let text: String
    let parts: [[UInt8]]
    let isExact: Bool

    public init(_ text: String) {
        self.text = text
        parts = text.split(separator: "*", omittingEmptySubsequences: false).map { Array($0.utf8) }
        isExact = parts.count == 1
    }

    /// `prefix*`: a literal followed by one trailing `*`.
    var trailingStarPrefix: String? {
        parts.count == 2 && parts[1].isEmpty && !parts[0].isEmpty ? String(decoding: parts[0], as: UTF8.self) : nil
    }

    public func matches(_ value: String) -> Bool {
        if isExact { return value == text }
        var value = value
        return value.withUTF8 { bytes in
            let first = parts[0]
            let last = parts[parts.count - 1]
            guard bytes.count >= first.count + last.count else { return false }
            for k in 0..<first.count where bytes[k] != first[k] { return false }
            let lastStart = bytes.count - last.count
            for k in 0..<last.count where bytes[lastStart + k] != last[k] { return false }
            var position = first.count
            for part in parts.dropFirst().dropLast() {
                guard let found = Self.find(part, in: bytes, from: position, before: lastStart) else { return false }
                position = found + part.count
            }
            return true
        }
    }

    private static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int, before end: Int) -> Int? {
        if needle.isEmpty { return start }
        var i = start
        while i + needle.count <= end {
            var k = 0
            while k < needle.count && bytes[i + k] == needle[k] { k += 1 }
            if k == needle.count { return i }
            i += 1
        }
        return nil
    }
}

/// A set of closed ranges of unsigned numbers, sorted and disjoint.
public struct NumberSet: Sendable, Hashable {
    public private(set) var ranges: [ClosedRange<UInt64>]

    public init(_ ranges: [ClosedRange<UInt64>]) {
        var merged: [ClosedRange<UInt64>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last,
                range.lowerBound <= last.upperBound || (last.upperBound < .max && range.lowerBound == last.upperBound + 1)
            {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        self.ranges = merged
    }

    @inline(__always)
    public func contains(_ value: UInt64) -> Bool {
        for range in ranges {
            if value < range.lowerBound { return false }
            if value <= range.upperBound { return true }
        }
        return false
    }

    /// The values one by one, when there are at most `limit`.
    public func enumerated(limit: Int) -> [UInt64]? {
        var values: [UInt64] = []
        for range in ranges {
            if range.upperBound - range.lowerBound >= UInt64(limit) { return nil }
            values.append(contentsOf: Array(range))
            if values.count > limit { return nil }
        }
        return values
    }

    public var isEmpty: Bool { ranges.isEmpty }
}
