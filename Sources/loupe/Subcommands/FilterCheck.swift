import ArgumentParser
import Foundation
import LoupeCommands

/// `loupe filter check EXPR`: compile an expression and report every problem in it.
struct FilterCheck: LoupeCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a filter expression; print its problems with a caret under each (status 2), or nothing."
    )

    @Argument(help: ArgumentHelp("The filter expression.", valueName: "expr"))
    var expression: String

    func run(in context: CommandContext) async throws {
        _ = try FilterCompilation.compile(expression, now: Date())
    }
}
