import FlowModel
import HubbleAPI

/// Hubble's FQDN and node-name patterns: lower-case DNS names where `*` stands for any run of
/// `[-.0-9a-z]`, matched whole and case-sensitively against the flow's names.
public struct NamePattern: Hashable, Sendable {
    enum Piece: Hashable, Sendable {
        case literal([UInt8])
        /// `*`: any run of the characters in `allowed`.
        case star
    }

    var pieces: [Piece]
    /// The characters a `*` may stand for.
    let starSet: CharacterSet

    enum CharacterSet: Hashable, Sendable {
        /// `[-.0-9a-z]`: FQDN wildcards.
        case fqdn
        /// `[-0-9_a-z]` labels joined by dots: the node-name part a missing cluster or node stands for.
        case dnsLabels
    }

    public struct PatternError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Parses an FQDN pattern (`*.cilium.io`, `kube-dns.kube-system.svc.cluster.local.`).
    public static func fqdn(_ text: String) throws(PatternError) -> NamePattern {
        var pattern = text.trimmingGoSpace().lowercased()
        if pattern.hasSuffix(".") { pattern.removeLast() }
        if pattern.isEmpty { throw PatternError(description: "empty pattern") }
        if pattern.hasSuffix(".") { throw PatternError(description: "multiple trailing dots in pattern") }
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        for scalar in pattern.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9", "-", "_", ".":
                literal.append(UInt8(scalar.value))
            case "*":
                if !literal.isEmpty { pieces.append(.literal(literal)) }
                literal = []
                if pieces.last != .star { pieces.append(.star) }
            default:
                throw PatternError(description: "\(GoQuote.quoteRune(scalar)): invalid rune in pattern")
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return NamePattern(pieces: pieces, starSet: .fqdn)
    }

    /// A pattern that matches any name made of DNS labels (a missing cluster or node part).
    static let anyDNSName = NamePattern(pieces: [.star], starSet: .dnsLabels)

    /// Whether `name` matches the whole pattern.
    public func matches(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { matches(bytes: $0) }
    }

    func matches(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if starSet == .dnsLabels { return Self.isDNSLabels(bytes) }
        return match(pieceIndex: 0, bytes: bytes, from: 0)
    }

    private func match(pieceIndex: Int, bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        guard pieceIndex < pieces.count else { return start == bytes.count }
        switch pieces[pieceIndex] {
        case .literal(let literal):
            guard bytes.count - start >= literal.count else { return false }
            for k in 0..<literal.count where bytes[start + k] != literal[k] { return false }
            return match(pieceIndex: pieceIndex + 1, bytes: bytes, from: start + literal.count)
        case .star:
            var end = start
            while true {
                if match(pieceIndex: pieceIndex + 1, bytes: bytes, from: end) { return true }
                guard end < bytes.count, Self.isFQDNWildcard(bytes[end]) else { return false }
                end += 1
            }
        }
    }

    static func isFQDNWildcard(_ c: UInt8) -> Bool {
        (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 45 || c == 46
    }

    /// `[-0-9_a-z]+(\.[-0-9_a-z]+)*`.
    static func isDNSLabels(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var labelLength = 0
        for c in bytes {
            if c == 46 {
                if labelLength == 0 { return false }
                labelLength = 0
            } else if (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 45 || c == 95 {
                labelLength += 1
            } else {
                return false
            }
        }
        return labelLength > 0
    }
}

/// A set of patterns of one filter field: any may match.
public struct NamePatternSet: Sendable {
    var patterns: [NamePattern]

    public init(fqdns: [String]) throws(NamePattern.PatternError) {
        patterns = []
        for value in fqdns { patterns.append(try NamePattern.fqdn(value)) }
    }

    public func matches(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { bytes in patterns.contains { $0.matches(bytes: bytes) } }
    }
}

extension String {
    /// Go's `strings.TrimSpace` for the ASCII white space Hubble's patterns can hold.
    func trimmingGoSpace() -> String {
        let space: Set<Character> = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"]
        var s = Substring(self)
        while let first = s.first, space.contains(first) { s.removeFirst() }
        while let last = s.last, space.contains(last) { s.removeLast() }
        return String(s)
    }
}
