import ArgumentParser
import LoupeCommands

/// `loupe observe`: read flows, select them, print them.
struct Observe: LoupeCommand, FlowOptions {
    static let configuration = CommandConfiguration(
        abstract: "Observe flows: a one-shot query or a live tail.",
        discussion: """
            Reads flows from a Hubble server (--server: a Cilium agent on :4244, Hubble Relay on :4245, \
            or loupe-agent), from an agent running the seed scenario inside loupe (--demo), or from \
            hubble JSON lines (what `hubble observe -o jsonpb` prints) in --input-file (- for standard \
            input), and prints them as the reference hubble CLI does.

            Select flows with an expression (loupe observe 'ns == echo and verdict == DROPPED'; see \
            'loupe filter fields'), with the filter flags of hubble observe, or both: all must hold.
            """
    )

    @OptionGroup(title: "Source")
    var inputOptions: InputOptions

    @OptionGroup(title: "Source")
    var serverOptions: ServerOptions

    @OptionGroup(title: "Selection")
    var selectionOptions: SelectionOptions

    @OptionGroup(title: "Filter expression")
    var expressionOptions: ExpressionOptions

    @OptionGroup(title: "Filters (those of hubble observe)")
    var hubbleFilters: HubbleFilterOptions

    @OptionGroup(title: "Output")
    var outputOptions: OutputOptions

    @OptionGroup(title: "Field mask")
    var fieldMaskOptions: FieldMaskOptions

    @OptionGroup(title: "Connection")
    var connectionOptions: ConnectionOptions

    /// The capture, when one is read.
    var inputFile: String? { inputOptions.inputFile }

    @Flag(name: .long, help: "Print the allow and deny lists the filter flags build, as YAML (hubble's form), then exit.")
    var printRawFilters = false

    func run(in context: CommandContext) async throws {
        try await observe(in: context, command: "observe")
    }
}
