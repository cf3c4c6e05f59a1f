import ArgumentParser
import FilterLanguage
import FlowModel
import Foundation
import SwiftProtobuf

/// `loupe filter check EXPR`: compile an expression and report every problem in it.
struct FilterCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a filter expression; print its problems with a caret under each (status 2), or nothing."
    )

    @Argument(help: ArgumentHelp("The filter expression.", valueName: "expr"))
    var expression: String

    func run() throws {
        _ = try ExpressionOptions.compile(expression, now: Google_Protobuf_Timestamp(date: Date()))
    }
}
