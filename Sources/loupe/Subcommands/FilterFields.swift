import ArgumentParser
import FilterLanguage
import FlowModel
import FlowOutput

/// `loupe filter fields`: the field catalogue.
struct FilterFields: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fields",
        abstract: "List the fields a filter expression can use, with their types and examples."
    )

    func run() throws {
        var sink = OutputSink()
        sink.buffers.stdout.append(contentsOf: Array(FieldTable.render().utf8))
        try sink.flush()
    }
}
