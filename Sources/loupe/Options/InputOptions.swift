import ArgumentParser
import Foundation
import FlowClient
import LoupeCommands

/// A capture to read instead of a server: shown first in the help, with the servers, as the source.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read flows from a file of hubble JSON lines (- for standard input).", valueName: "FILE"))
    var inputFile: String?

    @Option(name: .long, help: ArgumentHelp(
        "Skip (and report) input lines longer than this: bytes, or with K, M or G (binary).", valueName: "SIZE"))
    var maxLineSize = "16M"

    /// `--max-line-size` in bytes: `65536`, `64K`, `16M`, `1G` (binary multiples; `MiB` also read).
    func maximumLineLength() throws -> Int {
        var text = Substring(maxLineSize.trimmingCharacters(in: .whitespaces))
        for suffix in ["iB", "B"] where text.hasSuffix(suffix) && text.count > suffix.count { text = text.dropLast(suffix.count) }
        var multiplier = 1
        if let last = text.last, let shift = ["K": 10, "k": 10, "M": 20, "m": 20, "G": 30, "g": 30][String(last)] {
            multiplier = 1 << shift
            text = text.dropLast()
        }
        guard let value = Int(text), value > 0, value <= (1 << 40) / multiplier else {
            throw CLIError.usage("invalid --max-line-size \"\(maxLineSize)\": use a number of bytes from 1 to 1T, with K, M or G (16M)")
        }
        return value * multiplier
    }
}
