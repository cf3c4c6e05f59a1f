import ArgumentParser
import FilterLanguage
import Foundation
import LoupeCommands

/// `loupe filter explain EXPR`: the FlowFilter lists a server gets, and what loupe checks itself.
struct FilterExplain: LoupeCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how an expression is pushed to servers: the allow and deny FlowFilters, the residual, the approximations."
    )

    @Argument(help: ArgumentHelp("The filter expression.", valueName: "expr"))
    var expression: String

    @Option(name: [.short, .long], help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var output = "text"

    func run(in context: CommandContext) async throws {
        guard output == "text" || output == "json" else {
            throw CLIError.usage("unknown output format \"\(output)\": use text or json")
        }
        let plan = try FilterCompilation.compile(expression, now: Date()).plan
        try context.print(output == "json" ? plan.json() : plan.explanation())
    }
}
