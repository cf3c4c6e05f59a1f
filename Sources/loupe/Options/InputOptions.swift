import ArgumentParser

/// A capture to read instead of a server: shown first in the help, with the servers, as the source.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read flows from a file of hubble JSON lines (- for standard input).", valueName: "FILE"))
    var inputFile: String?
}
