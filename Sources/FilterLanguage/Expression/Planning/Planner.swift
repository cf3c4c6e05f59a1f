import FlowModel
import HubbleAPI

/// Splits an expression into what a Hubble server can apply (allow and deny FlowFilter lists) and
/// what the client must check itself. The lists never reject a flow the expression accepts: the
/// allow list is a superset, the deny list holds only exact conditions.
enum Planner {
    /// The most FlowFilters an allow list may hold before it is coarsened.
    static let clauseLimit = 64

    /// A condition with its sign, after `not` is pushed down to the atoms.
    struct Literal {
        var atom: Atom
        var positive: Bool
    }

    static func plan(_ predicate: Predicate, source: SourceText) -> FilterPlan {
        let conjuncts: [Predicate]
        if case .and(let parts) = predicate { conjuncts = parts } else { conjuncts = [predicate] }

        var deny: [Flow_FlowFilter] = []
        var remaining: [Predicate] = []
        for conjunct in conjuncts {
            if case .not(let inner, _) = conjunct, let filters = exactFilters(inner) {
                for filter in filters where !deny.contains(filter) { deny.append(filter) }
            } else {
                remaining.append(conjunct)
            }
        }

        var notes: [FilterPlan.Approximation] = []
        var residual: [Predicate] = []
        var allow: [Flow_FlowFilter] = []
        let positive = Predicate.and(remaining)
        if remaining.isEmpty {
            allow = []
        } else if let clauses = dnf(positive, negated: false) {
            let built = build(clauses)
            allow = built.filters
            notes = built.notes
            if !built.notes.isEmpty { residual = remaining.filter { conjunct in built.notes.contains { covers(conjunct, $0.range) } } }
            if built.lostMerges { residual = remaining }
        } else {
            // Too many clauses: push the smallest conjunct that expands to few enough, check the rest.
            let candidates = remaining.compactMap { conjunct -> (Predicate, [[Literal]])? in
                guard let clauses = dnf(conjunct, negated: false), !clauses.isEmpty else { return nil }
                return (conjunct, clauses)
            }.sorted { $0.1.count < $1.1.count }
            var kept = "no allow list is sent"
            if let (chosen, clauses) = candidates.first {
                let built = build(clauses)
                allow = built.filters
                notes = built.notes
                kept = "the allow list keeps only \(FilterPlan.abbreviated(source[range(of: chosen)]))"
            }
            residual = remaining
            notes.append(FilterPlan.Approximation(
                condition: source.text, range: SourceRange(0, source.count),
                reason: "the expression expands to more than \(clauseLimit) FlowFilters; \(kept)"))
        }
        let residualText = residual.map { source[balanced(range(of: $0), in: source)] }
        return FilterPlan(allow: allow, deny: deny, residual: residualText, approximations: notes)
    }

    /// The deny entries for `not inner`, when every atom of `inner` is exact and positive.
    static func exactFilters(_ inner: Predicate) -> [Flow_FlowFilter]? {
        guard let clauses = dnf(inner, negated: false), !clauses.isEmpty else { return nil }
        var filters: [Flow_FlowFilter] = []
        for clause in clauses {
            var fragments: [Fragment] = []
            for literal in clause {
                guard literal.positive, case .exact(let fragment) = literal.atom.pushDown else { return nil }
                fragments.append(fragment)
            }
            switch merge(fragments) {
            case .merged(let filter, lost: false): filters.append(filter)
            case .unsatisfiable: continue
            default: return nil
            }
        }
        return filters.isEmpty ? nil : filters
    }

    /// Disjunctive normal form with negations on atoms; `nil` past the clause limit.
    static func dnf(_ predicate: Predicate, negated: Bool) -> [[Literal]]? {
        switch predicate {
        case .constant(let value):
            return value != negated ? [[]] : []
        case .atom(let atom):
            return [[Literal(atom: atom, positive: !negated)]]
        case .not(let inner, _):
            return dnf(inner, negated: !negated)
        case .and(let parts), .or(let parts):
            let conjunction: Bool
            if case .and = predicate { conjunction = !negated } else { conjunction = negated }
            if conjunction {
                var result: [[Literal]] = [[]]
                for part in parts {
                    guard let clauses = dnf(part, negated: negated) else { return nil }
                    result = result.flatMap { left in clauses.map { left + $0 } }
                    if result.count > clauseLimit { return nil }
                }
                return result
            }
            var result: [[Literal]] = []
            for part in parts {
                guard let clauses = dnf(part, negated: negated) else { return nil }
                result += clauses
                if result.count > clauseLimit { return nil }
            }
            return result
        }
    }

    /// Allow entries for the clauses: negated and inexpressible atoms are left out (a superset).
    private static func build(_ clauses: [[Literal]]) -> (filters: [Flow_FlowFilter], notes: [FilterPlan.Approximation], lostMerges: Bool) {
        var filters: [Flow_FlowFilter] = []
        var notes: [FilterPlan.Approximation] = []
        var lost = false
        var matchesEverything = false
        func note(_ atom: Atom, _ reason: String) {
            guard !notes.contains(where: { $0.range == atom.range && $0.reason == reason }) else { return }
            notes.append(FilterPlan.Approximation(condition: atom.text, range: atom.range, reason: reason))
        }
        for clause in clauses {
            var fragments: [Fragment] = []
            for literal in clause {
                guard literal.positive else {
                    if case .none(let reason) = literal.atom.pushDown {
                        note(literal.atom, reason)
                    } else {
                        note(literal.atom, "a FlowFilter cannot say 'not' inside an allow list")
                    }
                    continue
                }
                switch literal.atom.pushDown {
                case .exact(let fragment): fragments.append(fragment)
                case .superset(let fragment, let reason):
                    fragments.append(fragment)
                    note(literal.atom, reason)
                case .none(let reason): note(literal.atom, reason)
                }
            }
            switch merge(fragments) {
            case .unsatisfiable: continue
            case .merged(let filter, let lostHere):
                lost = lost || lostHere
                if filter == Flow_FlowFilter() { matchesEverything = true }
                if !filters.contains(filter) { filters.append(filter) }
            }
        }
        if matchesEverything { filters = [] }
        if filters.isEmpty && !matchesEverything {
            // No clause can hold: one filter that no flow matches (Cilium's event types are 0–255).
            var impossible = Flow_FlowFilter()
            var never = Flow_EventTypeFilter()
            never.type = -1
            impossible.eventType = [never]
            filters = [impossible]
        }
        return (filters, notes, lost)
    }

    enum Merge {
        case merged(Flow_FlowFilter, lost: Bool)
        case unsatisfiable
    }

    /// One FlowFilter for a conjunction of fragments. Two fragments of one field are intersected when
    /// the field holds one value per flow; otherwise only the first is kept (`lost`).
    static func merge(_ fragments: [Fragment]) -> Merge {
        var byKey: [String: Fragment] = [:]
        var order: [String] = []
        var lost = false
        for fragment in fragments {
            guard var existing = byKey[fragment.key] else {
                byKey[fragment.key] = fragment
                order.append(fragment.key)
                continue
            }
            if existing.intersectable && fragment.intersectable {
                let common = Set(fragment.values)
                existing.values = existing.values.filter { common.contains($0) }
                if existing.values.isEmpty { return .unsatisfiable }
                byKey[fragment.key] = existing
            } else {
                lost = true
            }
        }
        var filter = Flow_FlowFilter()
        for key in order { byKey[key]?.apply(to: &filter) }
        if filter.dropHTTPFieldsUnlessEventTypeAdmitsL7() { lost = true }
        return .merged(filter, lost: lost)
    }

    /// The range widened over the parentheses that group it, so that the text reads as written.
    static func balanced(_ range: SourceRange, in source: SourceText) -> SourceRange {
        var opens = 0
        var closes = 0
        var quoted = false
        for scalar in source.scalars[range.lower..<range.upper] {
            if scalar == "\"" { quoted.toggle() }
            if quoted { continue }
            if scalar == "(" { opens += 1 }
            if scalar == ")" { closes += 1 }
        }
        var result = range
        while closes < opens {
            var i = result.upper
            while i < source.count, source.scalars[i].properties.isWhitespace { i += 1 }
            guard i < source.count, source.scalars[i] == ")" else { break }
            result.upper = i + 1
            closes += 1
        }
        while opens < closes {
            var i = result.lower - 1
            while i >= 0, source.scalars[i].properties.isWhitespace { i -= 1 }
            guard i >= 0, source.scalars[i] == "(" else { break }
            result.lower = i
            opens += 1
        }
        return result
    }

    /// Whether a conjunct contains the atom at `range`.
    private static func covers(_ predicate: Predicate, _ atomRange: SourceRange) -> Bool {
        let r = range(of: predicate)
        return r.lower <= atomRange.lower && atomRange.upper <= r.upper
    }

    static func range(of predicate: Predicate) -> SourceRange {
        switch predicate {
        case .constant: return SourceRange(0, 0)
        case .atom(let atom): return atom.range
        case .not(_, let range): return range
        case .and(let parts), .or(let parts):
            return parts.map(range(of:)).reduce(parts.first.map(range(of:)) ?? SourceRange(0, 0)) { $0.joined($1) }
        }
    }
}
