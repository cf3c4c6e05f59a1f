import FlowModel
import HubbleAPI

/// A Kubernetes label selector over Cilium labels (`k8s:app=echo`, `reserved:world`, `app in (a,b)`),
/// matched as Hubble matches `--label` and `--node-label`: a key without a source matches labels of
/// every source; a `cidr:` key contains the flow's narrower prefixes.
public struct LabelSelector: Sendable, Hashable {
    public enum Operator: String, Sendable, Hashable {
        case exists, doesNotExist, equals, notEquals, `in`, notIn, greaterThan, lessThan
    }

    public struct Requirement: Sendable, Hashable {
        /// `nil` for the `any` source.
        public var source: String?
        public var key: String
        public var op: Operator
        public var values: [String]
        var keyBytes: [UInt8]
        var sourceBytes: [UInt8]?
        var number: Int64 = 0
        var cidr: IPPrefix?
        var valueBytes: [[UInt8]] = []
    }

    public var requirements: [Requirement]
    public let text: String

    public struct SelectorError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    public init(_ text: String) throws(SelectorError) {
        self.text = text
        var parser = LabelSelectorParser(text)
        requirements = try parser.parse()
    }

    /// Whether the labels satisfy every requirement.
    public func matches(_ labels: [String]) -> Bool {
        for requirement in requirements where !requirement.matches(labels) { return false }
        return true
    }
}

extension LabelSelector.Requirement {
    init(key fullKey: String, op: LabelSelector.Operator, values: [String]) throws(LabelSelector.SelectorError) {
        if let colon = fullKey.firstIndex(of: ":") {
            let source = String(fullKey[..<colon])
            self.source = source == "any" ? nil : source
            key = String(fullKey[fullKey.index(after: colon)...])
        } else {
            source = nil
            key = fullKey
        }
        self.op = op
        self.values = values
        valueBytes = values.map { Array($0.utf8) }
        keyBytes = Array(key.utf8)
        sourceBytes = source.map { Array($0.utf8) }
        if source == "cidr" { cidr = IPPrefix.parse(key.replacingDashesInIPv6()) }
        if op == .greaterThan || op == .lessThan {
            guard values.count == 1 else {
                throw .init(description: "for 'Gt', 'Lt' operators, exactly one value is required")
            }
            guard let n = Int64(values[0]) else {
                throw .init(description: "for 'Gt', 'Lt' operators, the value must be an integer")
            }
            number = n
        }
    }

    func matches(_ labels: [String]) -> Bool {
        var found: Substring.UTF8View? = nil
        for label in labels {
            if let value = valueIfKeyMatches(label) {
                found = value
                break
            }
        }
        switch op {
        case .exists: return found != nil
        case .doesNotExist: return found == nil
        case .equals, .in:
            guard let found else { return false }
            return valueBytes.contains { found.elementsEqual($0) }
        case .notEquals, .notIn:
            guard let found else { return true }
            return !valueBytes.contains { found.elementsEqual($0) }
        case .greaterThan, .lessThan:
            guard let found, let n = Int64(Substring(found)) else { return false }
            return op == .greaterThan ? n > number : n < number
        }
    }

    /// The label's value when its source and key match this requirement. Labels are read as UTF-8:
    /// `source:key=value`, `$host` for `reserved:host`, no `:` for the `unspec` source.
    private func valueIfKeyMatches(_ label: String) -> Substring.UTF8View? {
        let bytes = Substring(label).utf8
        var rest = bytes[...]
        var source: Substring.UTF8View
        if bytes.first == UInt8(ascii: "$") {
            source = Self.reservedSource
            rest = bytes.dropFirst()
        } else if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            source = bytes[..<colon]
            rest = bytes[bytes.index(after: colon)...]
        } else {
            source = Self.unspecSource
        }
        let key: Substring.UTF8View
        let value: Substring.UTF8View
        if let equals = rest.firstIndex(of: UInt8(ascii: "=")) {
            key = rest[..<equals]
            value = rest[rest.index(after: equals)...]
        } else {
            key = rest
            value = rest[rest.endIndex...]
        }
        if let sourceBytes, !source.elementsEqual(sourceBytes) { return nil }
        if let cidr, source.elementsEqual("cidr".utf8) {
            guard let flowPrefix = IPPrefix.parse(String(Substring(key)).replacingDashesInIPv6()), cidr.contains(flowPrefix) else {
                return nil
            }
            return value
        }
        return key.elementsEqual(keyBytes) ? value : nil
    }

    private static let reservedSource = Substring("reserved").utf8
    private static let unspecSource = Substring("unspec").utf8
}

extension String {
    /// Cilium writes IPv6 CIDR labels with `-` for `:` (`cidr:2001-db8--/32`).
    func replacingDashesInIPv6() -> String {
        contains(".") ? self : String(map { $0 == "-" ? ":" : $0 })
    }
}
