import ArgumentParser
import FilterLanguage
import LoupeCommands

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
}
