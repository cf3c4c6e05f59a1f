import ArgumentParser
import FilterLanguage
import LoupeCommands

/// `loupe filter fields`: the field catalogue.
struct FilterFields: LoupeCommand {
    static let configuration = CommandConfiguration(
        commandName: "fields",
        abstract: "List the fields a filter expression can use, with their types and examples."
    )

    func run(in context: CommandContext) async throws {
        try context.print(FieldTable.render())
    }
}
