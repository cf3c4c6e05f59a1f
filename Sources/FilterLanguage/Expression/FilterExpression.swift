import FlowModel
import HubbleAPI
import SwiftProtobuf

/// A filter expression, compiled: parsed, checked against the field catalogue, lowered to a matcher,
/// and planned into the FlowFilter lists a server can apply.
public struct FilterExpression: Sendable {
    public let source: SourceText
    public let predicate: Predicate
    private let test: FlowTest

    /// Compiles `text`; every problem found is reported at once.
    /// - Parameter now: the moment relative times (`time > -5m`) count back from.
    public init(_ text: String, now: Google_Protobuf_Timestamp) throws(FilterDiagnostics) {
        let source = SourceText(text)
        var (syntax, parseDiagnostics, clauseStarts) = Parser.parse(source)
        // An expression that is only a number names a security identity, as in `hubble observe
        // 93339` read by a person: `identity == 93339` (either side).
        if case .bare(let word)? = syntax, !word.quoted, !word.text.isEmpty, word.text.allSatisfy(\.isASCII), UInt32(word.text) != nil {
            let field = Word(text: "identity", quoted: false, range: word.range)
            syntax = .comparison(field, .equal, word, range: word.range)
        }
        var checker = Checker(source: source, now: now)
        let predicate = syntax.map { checker.check($0) } ?? .constant(true)
        let diagnostics = (parseDiagnostics + checker.diagnostics)
        if !diagnostics.isEmpty {
            let first = Self.firstOfEachClause(Self.ordered(diagnostics), clauseStarts: clauseStarts)
            throw FilterDiagnostics(source: source, diagnostics: first)
        }
        self.source = source
        self.predicate = predicate
        test = MatcherCompiler.compile(predicate)
    }

    /// Whether the flow satisfies the expression.
    @inline(__always)
    public func matches(_ flow: Flow) -> Bool { test(flow) }

    /// The compiled test, to hold without the rest.
    public var flowTest: FlowTest { test }

    /// The same expression evaluated by walking the tree (the reference for the compiled form).
    public var treeEvaluator: TreeEvaluator { TreeEvaluator(predicate) }

    /// The first diagnostic of each clause (what lies between two `and`/`or`), at most
    /// `FilterDiagnostics.limit`: a later one in the same clause is most often caused by the first.
    private static func firstOfEachClause(_ diagnostics: [Diagnostic], clauseStarts: [Int]) -> [Diagnostic] {
        var kept: [Diagnostic] = []
        var clause = 0
        var lastClause = -1
        for diagnostic in diagnostics {
            while clause < clauseStarts.count, clauseStarts[clause] <= diagnostic.range.lower { clause += 1 }
            guard clause != lastClause else { continue }
            lastClause = clause
            kept.append(diagnostic)
        }
        return kept
    }

    /// Diagnostics in source order, each position reported once.
    private static func ordered(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.sorted { $0.range.lower < $1.range.lower }.filter { seen.insert($0).inserted }
    }
}

extension FilterExpression {
    /// The FlowFilter lists to send a server, and what only the client can check.
    public var plan: FilterPlan { Planner.plan(predicate, source: source) }
}
