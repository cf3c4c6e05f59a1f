import FlowModel
import HubbleAPI

/// What a shell offers for the expression being typed: the text before the cursor decides whether a
/// field name, a keyword or a value of the field just compared comes next.
public struct ExpressionCompletion: Sendable {
    /// What the word under the cursor is.
    public enum Context: Equatable, Sendable {
        /// A field name or a keyword (`and`, `not`, …).
        case field
        /// A value of this field, after `==`, `!=` or inside `in {…}`.
        case value(FieldSpec.Name)
    }

    /// The text before the word being completed, kept as typed.
    public let head: String
    /// The part of the word already typed.
    public let partial: String
    public let context: Context

    /// Reads `prefix`, the expression up to the cursor (an opening quote already taken off).
    public init(_ prefix: String) {
        let scalars = Array(prefix.unicodeScalars)
        var start = scalars.count
        while start > 0, Lexer.isWordScalar(scalars[start - 1]) { start -= 1 }
        var headView = String.UnicodeScalarView()
        headView.append(contentsOf: scalars[..<start])
        head = String(headView)
        var partialView = String.UnicodeScalarView()
        partialView.append(contentsOf: scalars[start...])
        partial = String(partialView)
        context = Self.context(before: head)
    }

    /// The field whose value is being typed, from the tokens before the word: `field ==`,
    /// `field !=`, or `field in {` followed by values and commas.
    static func context(before head: String) -> Context {
        var lexer = Lexer(SourceText(head))
        var tokens = lexer.tokenize()
        tokens.removeLast()  // the end
        var index = tokens.count - 1
        guard index >= 0 else { return .field }
        switch tokens[index].kind {
        case .op(.equal), .op(.notEqual):
            index -= 1
        case .leftBrace, .comma:
            // Back over the values already in the set to its '{', then 'in' (or 'not in').
            while index >= 0, tokens[index].kind != .leftBrace {
                switch tokens[index].kind {
                case .comma, .word, .string, .dotDot: index -= 1
                default: return .field
                }
            }
            index -= 1
            guard index >= 0, tokens[index].keyword == "in" else { return .field }
            index -= 1
            if index >= 0, tokens[index].keyword == "not" { index -= 1 }
        default:
            return .field
        }
        guard index >= 0, case .word(let name) = tokens[index].kind, let spec = FieldCatalogue.field(named: name) else {
            return .field
        }
        return .value(FieldSpec.Name(spec.name))
    }

    /// The candidates, each the whole expression up to the cursor as it would read once completed.
    /// `names` gives the values of name fields (`ns`: the namespaces a server knows), when known.
    public func candidates(names: [String] = []) -> [String] {
        let words: [String]
        switch context {
        case .field:
            words = FieldCatalogue.names + ["and", "or", "not", "in", "has("]
        case .value(let name):
            guard let spec = FieldCatalogue.field(named: name.text) else { return [] }
            words = spec.type == .name ? names : Self.values(of: spec.type)
        }
        let lower = partial.lowercased()
        return words.filter { $0.lowercased().hasPrefix(lower) }.map { head + $0 }
    }

    /// The values a field of this type takes, as they are written in an expression; empty for free
    /// values (names, addresses, numbers).
    public static func values(of type: FieldType) -> [String] {
        switch type {
        case .verdict: FlowEnums.allNamed(Flow_Verdict.self).map(\.name).filter { $0 != "VERDICT_UNKNOWN" }
        case .dropReason: FlowEnums.allNamed(Flow_DropReason.self).map(\.name).filter { $0 != "DROP_REASON_UNKNOWN" }
        case .direction: ["ingress", "egress"]
        case .proto: FlowFilterCompiler.protocolCases.sorted()
        case .eventType: EventTypeNames.types.map(\.name)
        case .ipVersion: ["4", "6", "none"]
        case .bool: ["true", "false"]
        case .tcpFlags: TCPFlagMask.names
        case .identity: (1...10).compactMap { ReservedIdentity.name(UInt32($0)) }
        default: []
        }
    }
}

extension FieldSpec {
    /// A field's name, as completion reports it.
    public struct Name: Hashable, Sendable {
        public var text: String
        init(_ text: String) { self.text = text }

        /// Whether the field names a namespace (`ns`, `src.ns`, `dst.ns`).
        public var isNamespace: Bool { text == "ns" || text == "src.ns" || text == "dst.ns" }
    }
}
