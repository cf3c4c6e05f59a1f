import ArgumentParser

/// `loupe filter`: the filter language on its own.
struct Filter: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check, explain and list what filter expressions can say.",
        subcommands: [FilterCheck.self, FilterExplain.self, FilterFields.self]
    )
}
