import FlowClient
import FlowModel
import Foundation
import HubbleAPI
import PolicyEngine
import Synchronization
import TrafficAnalysis

/// `loupe map` and `loupe policy suggest` below their options: the records a query selects, from a
/// capture or from servers, folded into conversations and, once they are all read, drawn or turned
/// into policies; following, redrawn every `refresh` on a terminal, and drawn once more when
/// Ctrl-C ends the run.
package struct MapRun: Sendable {
    /// What is made of the conversations.
    package enum Output: Sendable {
        case map(MapFormat)
        case networkPolicies(PolicySuggestion.Options)
        /// What these policies would change; status 1 when something seen forwarded would be dropped.
        case policyTest(PolicyCollection, json: Bool)
    }

    package var query: FlowQuery
    package var grouping: Grouping
    package var output: Output
    package var refresh: Duration
    package var context: CommandContext

    package init(query: FlowQuery, grouping: Grouping, output: Output, refresh: Duration = .seconds(2), context: CommandContext) {
        self.query = query
        self.grouping = grouping
        self.output = output
        self.refresh = refresh
        self.context = context
    }

    /// The map, shared between the task that reads and the one that redraws.
    final class SharedMap: Sendable {
        let map: Mutex<TrafficMap>
        init(_ grouping: Grouping) { map = Mutex(TrafficMap(grouping: grouping)) }
        var snapshot: TrafficMap { map.withLock { $0 } }
    }

    /// Adds each batch of records to the map under one lock.
    struct MapSink: FlowSink {
        let shared: SharedMap
        let problems: @Sendable (InputProblem) -> Void
        let preparation: RecordPreparation

        mutating func deliver(_ records: PreparedRecords, range: Range<Int>) throws {
            shared.map.withLock { map in
                for envelope in records.envelopes[range] { map.add(envelope) }
            }
        }

        mutating func report(_ problem: InputProblem) { problems(problem) }
    }

    /// Whole envelopes when filters may read any field; otherwise the members no conversation
    /// needs are left undecoded (what the compact output skips, and the labels, which only
    /// policies use, and then only once per identity).
    var preparation: RecordPreparation {
        guard !query.isFiltered else { return .envelopes }
        let skipping = TrafficMap.unusedMembers
        var withoutLabels = skipping
        withoutLabels.skip(["labels"], in: Flow_Endpoint.jsonFieldTable, as: .strings)
        if case .map = output { return .partialEnvelopes(skipping: withoutLabels) }
        // Policies need each peer's labels, which are its identity's: read once per identity a batch.
        return .partialEnvelopes(skipping: withoutLabels, firstSight: skipping)
    }

    /// Maps a capture (`-` for standard input); unreadable lines are reported as `FILE:LINE:
    /// reason` and make the exit status 4, as for observe.
    package func mapCapture(path: String, maximumLineLength: Int) async throws {
        let shared = SharedMap(grouping)
        let context = self.context
        var sink = MapSink(shared: shared, problems: { context.printError($0.description) }, preparation: preparation)
        let summary: FileFlowSource.Summary
        do {
            summary = try await FileFlowSource(path: path, maximumLineLength: maximumLineLength).read(query, into: &sink)
        } catch let error as FlowInputError {
            throw CLIError.runtime(error.description)
        }
        try draw(shared.snapshot, redrawing: false)
        if summary.badLines > 0 {
            throw CLIError(message: "\(summary.badLines) of \(summary.linesRead) input lines could not be read", status: .inputData)
        }
    }

    /// Maps what the servers of `settings` send for the query.
    package func mapServers(_ settings: ServerSettings) async throws {
        let sources = ServerCall.sources(settings)
        let source = ServerFlowSource(sources: sources, merge: settings.merge, events: { _ in })
        let shared = SharedMap(grouping)
        let query = self.query
        let context = self.context
        let redraw = query.follow && context.stdoutIsTerminal
        let outcome = try await ObserveRun.untilSignalled {
            try await withThrowingTaskGroup(of: FanIn.Outcome?.self) { group in
                if redraw {
                    group.addTask {
                        while !Task.isCancelled {
                            try? await Task.sleep(for: refresh)
                            if Task.isCancelled { break }
                            try? draw(shared.snapshot, redrawing: true)
                        }
                        return nil
                    }
                }
                group.addTask {
                    var sink = MapSink(shared: shared, problems: { context.printError($0.description) }, preparation: preparation)
                    return try await source.read(query, into: &sink)
                }
                defer { group.cancelAll() }
                while let result = try await group.next() {
                    if let outcome = result { return outcome }
                }
                throw CancellationError()
            }
        }
        try draw(shared.snapshot, redrawing: redraw)
        if let failure = CLIError.failure(of: outcome, names: sources.map(\.name), debug: settings.debug) { throw failure }
    }

    /// Prints the map or the policies; redrawing, over the previous drawing (the screen cleared
    /// first). A map without a conversation is said so on stderr (a table is then left out; a graph
    /// is drawn empty).
    func draw(_ map: TrafficMap, redrawing: Bool) throws {
        let empty = map.edges.isEmpty
        if empty && !redrawing {
            context.printError("loupe: no flows to map (\(map.flowsSeen) flows read)")
        }
        let text: String
        switch output {
        case .map(let format):
            text = empty && format == .table ? "" : format.render(map)
        case .networkPolicies(let options):
            let suggestion = PolicySuggestion(map, options: options)
            text = options.kind == .cilium ? CiliumPolicyYAML.render(suggestion) : NetworkPolicyYAML.render(suggestion)
        case .policyTest(let policies, let json):
            let test = PolicyTest(map, policies: policies.kubernetes, ciliumPolicies: policies.cilium, cidrGroups: policies.cidrGroups)
            try context.print(json ? PolicyTestReport.json(test) : PolicyTestReport.text(test))
            if !test.passes {
                let count = test.count(.newlyDropped)
                throw CLIError(message: "\(count) conversation\(count == 1 ? "" : "s") seen forwarded would be dropped", status: .runtime)
            }
            return
        }
        try context.print((redrawing ? "\u{1B}[H\u{1B}[2J" : "") + text)
    }
}
