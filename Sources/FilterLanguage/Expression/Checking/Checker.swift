import SwiftProtobuf

/// Resolves names against the field catalogue and literals against field types, producing a
/// `Predicate`. Every problem becomes a diagnostic; checking goes on so that all are reported.
struct Checker {
    let source: SourceText
    /// The moment relative times (`time > -5m`) are measured from, fixed once per compile.
    let now: Google_Protobuf_Timestamp
    var diagnostics: [Diagnostic] = []

    init(source: SourceText, now: Google_Protobuf_Timestamp) {
        self.source = source
        self.now = now
    }

    mutating func check(_ syntax: Syntax) -> Predicate {
        switch syntax {
        case .and, .or:
            return checkChain(syntax)
        case .not(let inner, let range):
            return .not(check(inner), range)
        case .group(let inner, _):
            return check(inner)
        case .invalid:
            return .constant(true)
        case .has(let word, let range):
            guard let spec = resolveField(word) else { return .constant(true) }
            return eitherSide(spec) { Atom(field: $0, test: .present, text: source[range], range: range) }
        case .bare(let word):
            return checkBare(word)
        case .comparison(let left, let op, let right, let range):
            return checkComparison(left, op, right, range: range)
        case .membership(let left, let items, let range):
            guard let spec = resolveField(left) else { return .constant(true) }
            guard let test = setTest(spec, items) else { return .constant(true) }
            return eitherSide(spec) { Atom(field: $0, test: test, text: source[range], range: range) }
        }
    }

    /// A chain of `and` (or of `or`) as one list, walked without recursion: a chain of thousands
    /// of conditions is checked in linear time and constant stack.
    private mutating func checkChain(_ syntax: Syntax) -> Predicate {
        let isAnd: Bool
        if case .and = syntax { isAnd = true } else { isAnd = false }
        var parts: [Predicate] = []
        var pending = [syntax]
        while let node = pending.popLast() {
            switch node {
            case .and(let a, let b) where isAnd:
                pending.append(b)
                pending.append(a)
            case .or(let a, let b) where !isAnd:
                pending.append(b)
                pending.append(a)
            default:
                parts.append(contentsOf: flatten(check(node), and: isAnd))
            }
        }
        return isAnd ? .and(parts) : .or(parts)
    }

    private func flatten(_ predicate: Predicate, and: Bool) -> [Predicate] {
        switch predicate {
        case .and(let parts) where and: parts
        case .or(let parts) where !and: parts
        default: [predicate]
        }
    }

    /// One atom per side of an either-side field, joined with `or`.
    private func eitherSide(_ spec: FieldSpec, _ make: (FieldID) -> Atom) -> Predicate {
        let atoms = spec.fields.map { Predicate.atom(make($0)) }
        return atoms.count == 1 ? atoms[0] : .or(atoms)
    }

    private mutating func resolveField(_ word: Word) -> FieldSpec? {
        if !word.quoted, let spec = FieldCatalogue.field(named: word.text) { return spec }
        // Past the diagnostics shown, a suggestion is not worth its cost.
        let suggestion = diagnostics.count < FilterDiagnostics.limit * 2 ? Suggestions.closest(to: word.text, in: FieldCatalogue.names) : nil
        let what = word.quoted ? "expected a field, found the string \"\(word.text)\"" : "unknown field '\(word.text)'"
        diagnostics.append(Diagnostic(
            what, at: word.range,
            note: suggestion.map { "did you mean '\($0)'?" } ?? "see 'loupe filter fields' for the fields"))
        return nil
    }

    private mutating func checkBare(_ word: Word) -> Predicate {
        if !word.quoted {
            switch word.text.lowercased() {
            case "true": return .constant(true)
            case "false": return .constant(false)
            default: break
            }
        }
        guard let spec = resolveField(word) else { return .constant(true) }
        guard spec.type == .bool else {
            diagnostics.append(Diagnostic(
                "'\(word.text)' is a \(spec.type.displayName), not a condition", at: word.range,
                note: "compare it, for example: \(spec.example)"))
            return .constant(true)
        }
        return eitherSide(spec) { Atom(field: $0, test: .bool(true), text: word.text, range: word.range) }
    }

    private mutating func checkComparison(_ left: Word, _ op: ComparisonOperator, _ right: Word, range: SourceRange) -> Predicate {
        var (left, op, right) = (left, op, right)
        // `80 == port`: a literal on the left and a field on the right reads as `port == 80`.
        if FieldCatalogue.field(named: left.text) == nil || left.quoted, !right.quoted, FieldCatalogue.field(named: right.text) != nil,
            op != .matches, op != .notMatches
        {
            (left, right) = (right, left)
            op = op.mirrored
        }
        guard let spec = resolveField(left) else { return .constant(true) }
        let text = source[range]
        // A field on the right, of the same type: compare the two fields.
        if !right.quoted, let other = FieldCatalogue.field(named: right.text), other.type == spec.type {
            return fieldComparison(spec, op, other, right: right, range: range)
        }
        // `src.ns == dst.prot`: a near miss of a field name is not taken for a value.
        if !right.quoted, Self.sidePrefixes.contains(where: { right.text.lowercased().hasPrefix($0) }),
           FieldCatalogue.field(named: right.text) == nil,
           let suggestion = Suggestions.closest(to: right.text, in: FieldCatalogue.names)
        {
            diagnostics.append(Diagnostic(
                "unknown field '\(right.text)'", at: right.range,
                note: "did you mean '\(suggestion)'? To compare with the text, quote it: \"\(right.text)\""))
            return .constant(true)
        }
        let positive: ComparisonOperator
        switch op {
        case .notEqual: positive = .equal
        case .notMatches: positive = .matches
        default: positive = op
        }
        guard let test = literalTest(spec, positive, right, operatorRange: range) else { return .constant(true) }
        let predicate = eitherSide(spec) { Atom(field: $0, test: test, text: text, range: range) }
        return positive == op ? predicate : .not(predicate, range)
    }

    /// How a field of one side starts; a value written so is most likely a misspelt field.
    private static let sidePrefixes = ["src.", "dst.", "source.", "destination."]

    private mutating func fieldComparison(
        _ spec: FieldSpec, _ op: ComparisonOperator, _ other: FieldSpec, right: Word, range: SourceRange
    ) -> Predicate {
        if let either = [spec, other].first(where: \.isEitherSide) {
            diagnostics.append(Diagnostic(
                "comparing two fields needs each to name one side; '\(either.name)' means either side", at: range,
                note: "write src.\(either.name) or dst.\(either.name)"))
            return .constant(true)
        }
        if op == .matches || op == .notMatches {
            diagnostics.append(Diagnostic(
                "'\(op.rawValue)' needs a regular expression in quotes", at: right.range,
                note: "write \(spec.name) \(op.rawValue) \"^prefix\""))
            return .constant(true)
        }
        if op.isOrdering && !(spec.type.isNumeric || spec.type == .time) {
            diagnostics.append(Diagnostic(
                "'\(op.rawValue)' does not apply to \(spec.name) (a \(spec.type.displayName))", at: range,
                note: "use == or !="))
            return .constant(true)
        }
        let positive = op == .notEqual ? ComparisonOperator.equal : op
        let atom = Predicate.atom(Atom(
            field: spec.fields[0], test: .field(other.fields[0], positive), text: source[range], range: range))
        return op == .notEqual ? .not(atom, range) : atom
    }
}
