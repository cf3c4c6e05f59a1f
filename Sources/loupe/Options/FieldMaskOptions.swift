import ArgumentParser

/// Which fields of each flow the server sends.
struct FieldMaskOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Ask the server for only these fields (proto names, comma-separated, repeatable; JSON output only), e.g. time,verdict,source.pod_name.",
        valueName: "PATHS"))
    var fieldMask: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Ask a server only for the fields compact, dict and table print, as hubble does (false: every field).", valueName: "BOOL"))
    var useDefaultFieldMasks = true
}
