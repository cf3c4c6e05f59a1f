/// A DNS name selector: `matchName` (the exact name) or `matchPattern`, where `*` stands for any
/// run of characters allowed in a label (never a dot), a leading `**.` for one or more whole labels,
/// and a pattern of stars alone for every name (Cilium's pkg/fqdn/matchpattern). Also the form of
/// TLS `serverNames` (`*.` and `**.` only, leading). Names compare without case and without
/// a trailing dot.
public struct DNSNamePattern: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case matchName
        case matchPattern
    }

    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }

    public var description: String { "\(kind.rawValue): \(text)" }

    static func normalized(_ name: String) -> String {
        var name = name.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        return name
    }

    /// Whether a name holds only what a pattern may hold: letters, digits, `-`, `_`, `.` and `*`.
    static func isValid(_ text: String, kind: Kind) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 255 else { return false }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
                || (kind == .matchPattern && $0 == "*")
        }
    }

    public func matches(_ name: String) -> Bool {
        let name = Self.normalized(name)
        let pattern = Self.normalized(text)
        switch kind {
        case .matchName: return name == pattern
        case .matchPattern:
            if !pattern.isEmpty && pattern.allSatisfy({ $0 == "*" }) { return true }
            if pattern.hasPrefix("**") {
                let rest = Array(pattern.drop(while: { $0 == "*" }).dropFirst().utf8)
                guard pattern.drop(while: { $0 == "*" }).first == "." else { return Self.glob(Array(pattern.utf8), Array(name.utf8)) }
                let labels = name.split(separator: ".", omittingEmptySubsequences: false)
                // One or more whole labels before the rest.
                for start in 1..<max(1, labels.count) {
                    if Self.glob(rest, Array(labels[start...].joined(separator: ".").utf8)) { return true }
                }
                return false
            }
            return Self.glob(Array(pattern.utf8), Array(name.utf8))
        }
    }

    /// `*` matches any run of bytes without a dot; everything else itself. Linear in the name
    /// times the pattern (no backtracking blow-up: a table over positions).
    static func glob(_ pattern: [UInt8], _ name: [UInt8]) -> Bool {
        var reachable = [Bool](repeating: false, count: name.count + 1)
        reachable[0] = true
        for symbol in pattern {
            var next = [Bool](repeating: false, count: name.count + 1)
            if symbol == UInt8(ascii: "*") {
                var carrying = false
                for i in 0...name.count {
                    if reachable[i] { carrying = true }
                    if carrying { next[i] = true }
                    if i < name.count && name[i] == UInt8(ascii: ".") { carrying = false }
                }
            } else {
                for i in 0..<name.count where reachable[i] && name[i] == symbol { next[i + 1] = true }
            }
            reachable = next
        }
        return reachable[name.count]
    }
}
