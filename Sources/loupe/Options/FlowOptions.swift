import ArgumentParser
import FilterLanguage
import FlowClient
import FlowModel
import FlowOutput
import Foundation
import LoupeCommands
import SwiftProtobuf

/// The options `observe` and `top` share: where flows come from, which are selected, how they are
/// printed. Both commands declare the same option groups (nested groups would multiply the parser's
/// checks of debug builds) and share what is done with them through this protocol.
protocol FlowOptions: FlowSourceOptions {
    var outputOptions: OutputOptions { get }
    var fieldMaskOptions: FieldMaskOptions { get }
    var printRawFilters: Bool { get }
}

/// The options of every command that reads flows (`observe`, `top`, `map`): where they come from
/// and which are selected.
protocol FlowSourceOptions {
    var inputFile: String? { get }
    var inputOptions: InputOptions { get }
    var serverOptions: ServerOptions { get }
    var connectionOptions: ConnectionOptions { get }
    var selectionOptions: SelectionOptions { get }
    var expressionOptions: ExpressionOptions { get }
    var hubbleFilters: HubbleFilterOptions { get }
}

extension FlowSourceOptions {
    /// The query of a command that sums flows up (`map`, `policy suggest`): whole flows, and from a
    /// server without a count or a time, its whole buffer (the 20 flows a server sends by default
    /// would mislead).
    func summaryQuery(arguments: some Collection<String>, now: Date) throws -> FlowQuery {
        var query = try query(arguments: arguments, displayMask: nil, now: now)
        let selection = selectionOptions
        if selection.last == nil && selection.first == nil && selection.since == nil && selection.until == nil && !selection.follow {
            query.all = true
        }
        return query
    }

    /// Runs `run` over the capture or the servers these options name.
    func readConversations(_ run: MapRun, context: CommandContext) async throws {
        guard let inputFile else {
            return try await run.mapServers(try serverOptions.settings(connection: connectionOptions, environment: context.environment))
        }
        if serverOptions.demo || serverOptions.serverGiven {
            throw CLIError.usage("--input-file reads a capture; it cannot be combined with --server or --demo")
        }
        try await run.mapCapture(path: inputFile, maximumLineLength: try inputOptions.maximumLineLength())
    }

    /// The query of these options: the filter flags in the order of `arguments` (the command's
    /// arguments after its name), the expression, the selection, and the fields shown
    /// (`displayMask`; nil for whole flows).
    func query(arguments: some Collection<String>, displayMask: FlowFieldMask?, now: Date) throws -> FlowQuery {
        let flags = try FilterCompilation.flags { () throws(HubbleFlagError) in try hubbleFilters.ordered(in: Array(arguments)) }
        let expression = try expressionOptions.text.map { try FilterCompilation.compile($0, now: now) }
        return FlowQuery(
            flags: flags, expression: expression, selection: try selectionOptions.selection(now: Google_Protobuf_Timestamp(date: now)),
            follow: selectionOptions.follow, countGiven: selectionOptions.last != nil || selectionOptions.first != nil,
            all: selectionOptions.all, displayMask: displayMask)
    }
}

extension FlowOptions {
    /// What `loupe observe` does: prints the selected flows of the capture or the servers; with
    /// `--print-raw-filters` or `--explain`, what the filters build.
    ///
    /// - Parameter command: the subcommand's name, after which its options stand.
    func observe(in context: CommandContext, command: String) async throws {
        let format = try outputOptions.format()
        let formatOptions = try outputOptions.formatOptions(environment: context.environment, stdoutIsTerminal: context.stdoutIsTerminal)
        let query = try query(arguments: context.arguments(after: command), format: format, now: Date())
        if printRawFilters { return try context.print(FilterCompilation.rawFiltersYAML(query.flags)) }
        if expressionOptions.explain { return try context.print(query.plan.explanation()) }
        let run = ObserveRun(query: query, format: format, formatOptions: formatOptions, context: context)
        guard let inputFile else {
            var settings = try serverOptions.settings(connection: connectionOptions, environment: context.environment)
            settings.debug = outputOptions.debug
            return try await run.printServers(settings)
        }
        if serverOptions.demo || serverOptions.serverGiven {
            throw CLIError.usage("--input-file reads a capture; it cannot be combined with --server or --demo")
        }
        try await run.printCapture(path: inputFile, maximumLineLength: try inputOptions.maximumLineLength())
    }

    /// The query of these options: the filter flags in the order of `arguments` (the command's
    /// arguments after its name), the expression, the selection and the fields `format` shows.
    func query(arguments: some Collection<String>, format: OutputFormat, now: Date) throws -> FlowQuery {
        if format == .table && selectionOptions.follow {
            throw CLIError.usage("table output format is not compatible with follow mode")
        }
        return try query(arguments: arguments, displayMask: try fieldMaskOptions.mask(for: format, output: outputOptions.output), now: now)
    }
}
