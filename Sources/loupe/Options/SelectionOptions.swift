import ArgumentParser
import FlowClient
import FlowModel
import HubbleAPI
import LoupeCommands
import SwiftProtobuf

/// `--last`, `--first`, `--all`, `--follow`, `--since`, `--until`.
struct SelectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Print the last N flows (default 20 from a server; everything from a file).", valueName: "N"))
    var last: UInt64?

    @Option(name: .long, help: ArgumentHelp("Print the first N flows.", valueName: "N"))
    var first: UInt64?

    @Flag(name: .long, help: "Print every flow.")
    var all = false

    @Flag(name: [.short, .long], help: "Follow the flow stream (a file is read to its end).")
    var follow = false

    @Option(name: .long, help: ArgumentHelp(
        "Only flows at or after this time: a duration before now (30s, 5m, 1h30m) or an RFC 3339 time (2025-04-27T11:27:13Z).",
        valueName: "TIME"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Only flows at or before this time (same forms as --since).", valueName: "TIME"))
    var until: String?

    /// The selection these flags ask for, checked for conflicts, times parsed against `now`.
    func selection(now: Google_Protobuf_Timestamp) throws -> FlowSelection {
        if first != nil && last != nil { throw CLIError.usage("cannot set both --first and --last") }
        if first != nil && all { throw CLIError.usage("cannot set both --first and --all") }
        if first != nil && follow { throw CLIError.usage("cannot set both --first and --follow") }
        if last != nil && all { throw CLIError.usage("cannot set both --last and --all") }
        var selection = FlowSelection()
        if let first { selection.count = .first(first) }
        if let last {
            guard last <= FlowSelection.maxLast else {
                throw CLIError.usage("--last must be <= 1_000_000, got \(last)")
            }
            selection.count = .last(last)
        }
        selection.since = try since.map { try Self.time($0, flag: "since", now: now) }
        selection.until = try until.map { try Self.time($0, flag: "until", now: now) }
        return selection
    }

    static func time(_ text: String, flag: String, now: Google_Protobuf_Timestamp) throws -> Google_Protobuf_Timestamp {
        guard let t = TimeArgument.parse(text, now: now) else {
            throw CLIError.usage(
                "invalid --\(flag) time \"\(text)\": use " + TimeArgument.acceptedForms.joined(separator: ", "))
        }
        return t
    }
}
