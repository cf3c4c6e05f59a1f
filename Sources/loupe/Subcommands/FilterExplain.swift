import ArgumentParser
import FilterLanguage
import FlowModel
import FlowOutput
import Foundation
import SwiftProtobuf

/// `loupe filter explain EXPR`: the FlowFilter lists a server gets, and what loupe checks itself.
struct FilterExplain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how an expression is pushed to servers: the allow and deny FlowFilters, the residual, the approximations."
    )

    @Argument(help: ArgumentHelp("The filter expression.", valueName: "expr"))
    var expression: String

    @Option(name: [.short, .long], help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var output = "text"

    func run() throws {
        guard output == "text" || output == "json" else {
            throw CLIError.usage("unknown output format \"\(output)\": use text or json")
        }
        let compiled = try ExpressionOptions.compile(expression, now: Google_Protobuf_Timestamp(date: Date()))
        let plan = compiled.plan
        var sink = OutputSink()
        sink.buffers.stdout.append(contentsOf: Array((output == "json" ? plan.json() : plan.explanation()).utf8))
        try sink.flush()
    }
}
