import ArgumentParser
import FilterLanguage
import FlowClient
import FlowModel
import FlowOutput
import Foundation
import HubbleAPI
import LoupeCommands

/// Values the shells complete beyond what the argument definitions list: field names in
/// expressions, drop reasons, and the namespaces of the configured server.
enum Completions {
    static let outputFormats = ["compact", "dict", "table", "json", "jsonpb"]
    static let colors = ["auto", "always", "never"]
    static let timeLayouts = TimeLayout.allCases.map(\.rawValue)

    /// Every drop reason's name, as `--drop-reason-desc` takes it.
    static var dropReasons: [String] {
        Flow_DropReason.allCases.compactMap(\.protoName).filter { $0 != "DROP_REASON_UNKNOWN" }
    }

    /// The word being typed in an expression completed with field names: after its last operator
    /// or parenthesis, the name of a field it starts.
    @Sendable static func expression(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        let cut = prefix.lastIndex { " (!&|".contains($0) }.map { prefix.index(after: $0) } ?? prefix.startIndex
        let head = String(prefix[..<cut])
        let partial = prefix[cut...]
        let keywords = ["and", "or", "not", "in", "has("]
        return (FieldCatalogue.names + keywords).filter { $0.hasPrefix(partial) }.map { head + $0 }
    }

    /// The namespaces the server of the environment or the config file knows, asked with a short
    /// deadline; none when it cannot be reached.
    @Sendable static func namespaces(_ words: [String], _ index: Int, _ prefix: String) async -> [String] {
        let environment = ProcessInfo.processInfo.environment
        let arguments = (try? SettingsResolution.resolve(["list", "namespaces"], environment: environment) {
            (try? Loupe.parseAsRoot($0)) != nil
        }) ?? []
        guard var options = try? List.Namespaces.parse(Array(arguments.dropFirst(2))) else { return [] }
        options.connectionOptions.requestTimeout = "2s"
        guard let settings = try? options.serverOptions.settings(connection: options.connectionOptions, environment: environment) else { return [] }
        let answers = await ServerCall.each(settings) { try await $0.namespaces() }
        let names = Set(answers.flatMap { (try? $0.result.get())?.map(\.namespace) ?? [] })
        return names.filter { $0.hasPrefix(prefix) }.sorted()
    }
}
