import ArgumentParser
import FlowOutput
import LoupeCommands

/// How flows are printed: format, colour, node names, times, name translation.
struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp(
        "Output format: compact, dict, table (or tab), jsonpb, json.", valueName: "FORMAT"), completion: .list(Completions.outputFormats))
    var output = "compact"

    @Option(name: .long, help: ArgumentHelp("Colour: auto, always or never (NO_COLOR is honoured).", valueName: "WHEN"), completion: .list(Completions.colors))
    var color = "auto"

    @Flag(name: .long, help: "Print the node name of each flow.")
    var printNodeName = false

    @Option(name: .long, help: ArgumentHelp(
        "Time layout: StampMilli, YearMonthDay, YearMonthDayHour, YearMonthDayHourMinute, RFC3339, RFC3339Milli, RFC3339Micro, RFC3339Nano, RFC1123Z.",
        valueName: "LAYOUT"), completion: .list(Completions.timeLayouts))
    var timeFormat = "StampMilli"

    @Flag(name: .long, help: "Show IP addresses instead of pod, service and DNS names.")
    var numeric = false

    @Option(name: .long, help: ArgumentHelp("Translate IP addresses to names (true or false).", valueName: "BOOL"))
    var ipTranslation = true

    @Flag(name: .long, help: "Print the policies that allowed or denied a policy verdict.")
    var printPolicyNames = false

    @Flag(name: [.customShort("D"), .long], help: "Print every node status event, not only errors.")
    var debug = false

    @Flag(name: [.short, .long], help: "Do not print node status errors.")
    var silentErrors = false

    /// The time layout, or a usage error that lists the layouts (the reference falls back to its
    /// default without a word).
    func timeLayout() throws -> TimeLayout {
        guard let layout = TimeLayout.allCases.first(where: { $0.rawValue.lowercased() == timeFormat.lowercased() }) else {
            throw CLIError.usage(
                "invalid --time-format \"\(timeFormat)\": use one of " + TimeLayout.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return layout
    }

    /// The format, or a usage error that lists the valid names.
    func format() throws -> OutputFormat {
        guard let format = OutputFormat(name: output) else {
            throw CLIError.usage("invalid output format \"\(output)\": use compact, dict, table, jsonpb or json")
        }
        return format
    }

    func formatOptions(environment: [String: String], stdoutIsTerminal: Bool) throws -> FormatOptions {
        var options = FormatOptions()
        options.color = ColorChoice.resolve(color, environment: environment, stdoutIsTerminal: stdoutIsTerminal)
        options.printNodeName = printNodeName
        options.timeLayout = try timeLayout()
        options.ipTranslation = ipTranslation && !numeric
        options.printPolicyNames = printPolicyNames
        options.allNodeStatus = debug
        options.silentErrors = silentErrors
        let compat = (environment["HUBBLE_COMPAT"] ?? "").lowercased().split(separator: ",")
        options.legacyJSON = compat.contains { $0.split(separator: " ").joined() == "legacy-json-output" }
        return options
    }
}
