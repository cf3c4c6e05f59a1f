import ArgumentParser
import FilterLanguage
import SwiftProtobuf

/// `[EXPR]`, `--filter EXPR`, `--explain`: the filter language.
struct ExpressionOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "A filter expression, e.g. 'ns == echo and verdict == DROPPED' (see 'loupe filter fields').", valueName: "expr"),
        completion: .custom(Completions.expression))
    var expression: String?

    @Option(name: .customLong("filter"), help: ArgumentHelp(
        "A filter expression; repeated expressions, and EXPR, must all hold.", valueName: "expr"))
    var filters: [String] = []

    @Flag(name: .long, help: "Print how the filters split between the server and loupe, then exit.")
    var explain = false

    /// The expressions given, joined with `and`.
    var text: String? {
        let parts = (expression.map { [$0] } ?? []) + filters
        switch parts.count {
        case 0: return nil
        case 1: return parts[0]
        default: return parts.map { "(\($0))" }.joined(separator: " and ")
        }
    }

    /// The compiled expression; diagnostics become a usage error that prints them as they are.
    func compiled(now: Google_Protobuf_Timestamp) throws -> FilterExpression? {
        guard let text else { return nil }
        return try Self.compile(text, now: now)
    }

    static func compile(_ text: String, now: Google_Protobuf_Timestamp) throws -> FilterExpression {
        do {
            return try FilterExpression(text, now: now)
        } catch {
            throw CLIError(message: error.description, status: .usage, prefixed: false)
        }
    }
}
