import FilterLanguage
import FlowClient
import FlowModel
import FlowOutput
import Foundation
import HubbleAPI

/// `loupe observe` below its options: the records a query selects, from a capture or from servers,
/// printed in one of hubble's formats.
package struct ObserveRun: Sendable {
    package var query: FlowQuery
    package var format: OutputFormat
    package var formatOptions: FormatOptions
    package var context: CommandContext

    package init(query: FlowQuery, format: OutputFormat, formatOptions: FormatOptions, context: CommandContext) {
        self.query = query
        self.format = format
        self.formatOptions = formatOptions
        self.context = context
    }

    /// Prints the selected records of a capture (`-` for standard input) in file order. Unreadable
    /// lines are reported as `FILE:LINE: reason` and make the exit status 4.
    package func printCapture(path: String, maximumLineLength: Int = LineReader.defaultMaximumLineLength) async throws {
        // Without filters, compact lines need only part of each flow decoded.
        let skipping = !query.isFiltered && format == .compact ? CompactFormatter.unusedMembers(options: formatOptions) : nil
        var sink = TextSink(format: format, options: formatOptions, skipping: skipping, context: context)
        let summary: FileFlowSource.Summary
        do {
            summary = try await FileFlowSource(path: path, maximumLineLength: maximumLineLength).read(query, into: &sink)
            try sink.finish()
        } catch let error as FlowInputError {
            try? sink.finish()
            throw CLIError.runtime(error.description)
        } catch let error as OutputSink.WriteFailed {
            throw CLIError.runtime(error.description)
        }
        if summary.nonFlowsDropped > 0 {
            context.printError("loupe: \(summary.nonFlowsDropped) lost-event and node-status records not shown: filters select flows")
        }
        if summary.badLines > 0 {
            throw CLIError(message: "\(summary.badLines) of \(summary.linesRead) input lines could not be read", status: .inputData)
        }
    }

    /// Prints what the servers of `settings` send for the query, merged in time order. Ctrl-C or
    /// SIGTERM ends the call: what arrived is printed and the run ends without a failure.
    package func printServers(_ settings: ServerSettings) async throws {
        let sources = ServerCall.sources(settings)
        var reportOptions = formatOptions
        reportOptions.allNodeStatus = !formatOptions.silentErrors
        // jsonpb prints no node status at all; loupe's own reports about servers then use compact lines.
        let reporter = makeFormatter(format == .jsonpb ? .compact : format, options: reportOptions)
        let printer = LivePrinter(formatter: makeFormatter(format, options: formatOptions), reporter: reporter, output: context.output)
        let reports = ConnectionReports(printer: printer, servers: sources.count, debug: formatOptions.allNodeStatus, output: context.output)
        let source = ServerFlowSource(sources: sources, merge: settings.merge, events: { reports.record($0) })
        let query = self.query
        let outcome = try await Self.untilSignalled {
            try await withThrowingTaskGroup(of: FanIn.Outcome?.self) { group in
                if query.follow {
                    group.addTask {
                        await printer.flushPeriodically(every: .milliseconds(50))
                        return nil
                    }
                }
                group.addTask {
                    var sink = LiveSink(printer: printer)
                    return try await source.read(query, into: &sink)
                }
                defer { group.cancelAll() }
                while let result = try await group.next() {
                    if let outcome = result { return outcome }
                }
                throw CancellationError()
            }
        }
        try printer.finish()
        reports.summarize(outcome, names: sources.map(\.name))
        if let failure = CLIError.failure(of: outcome, names: sources.map(\.name), debug: settings.debug) { throw failure }
    }

    /// Runs `body`, cancelling it on SIGINT or SIGTERM.
    static func untilSignalled<Result: Sendable>(_ body: @escaping @Sendable () async throws -> Result) async throws -> Result {
        try await withThrowingTaskGroup(of: Result?.self) { group in
            let (signalled, continuation) = AsyncStream.makeStream(of: Void.self)
            let signals = SignalHandlers { _ in continuation.yield() }
            defer { signals.cancel() }
            group.addTask {
                for await _ in signalled { return nil }
                return nil
            }
            group.addTask { try await body() }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result {
                    continuation.finish()
                    return result
                }
                // Signalled: the body is cancelled and returns what it has.
                group.cancelAll()
            }
            throw CancellationError()
        }
    }
}
