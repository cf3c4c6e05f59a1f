import ArgumentParser
import FlowModel
import FlowOutput
import LoupeCommands

/// Which fields of each flow the server sends.
struct FieldMaskOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Ask the server for only these fields (proto names, comma-separated, repeatable; JSON output only), e.g. time,verdict,source.pod_name.",
        valueName: "PATHS"))
    var fieldMask: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Ask a server only for the fields compact, dict and table print, as hubble does (false: every field).", valueName: "BOOL"))
    var useDefaultFieldMasks = true

    /// The fields shown: the reference's default mask for compact, dict and table output, or
    /// `--field-mask` for JSON; nil for every field.
    func mask(for format: OutputFormat, output: String) throws -> FlowFieldMask? {
        let custom = fieldMask.flatMap(\.commaSeparated)
        if !custom.isEmpty {
            guard format == .json || format == .jsonpb else {
                throw CLIError.usage("\(output) output format is not compatible with custom field mask")
            }
            do {
                return try FlowFieldMask(paths: custom)
            } catch {
                throw CLIError.usage("failed to construct field mask: \(error.description)")
            }
        }
        guard useDefaultFieldMasks, format != .json, format != .jsonpb else { return nil }
        return try! FlowFieldMask(paths: FlowFieldMask.referenceDefaultPaths)
    }
}
