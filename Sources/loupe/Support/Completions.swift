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

    /// The expression being typed, completed: a field name or keyword, or a value of the field just
    /// compared (enum values; for `ns`, the namespaces the configured server knows). Inside an open
    /// quote (`'ns == ec`) the candidates leave the quote off: the shell keeps it open.
    @Sendable static func expression(_ words: [String], _ index: Int, _ prefix: String) async -> [String] {
        var typed = Substring(prefix)
        if let first = typed.first, first == "'" || first == "\"" { typed = typed.dropFirst() }
        let completion = ExpressionCompletion(String(typed))
        var names: [String] = []
        if case .value(let field) = completion.context, field.isNamespace {
            names = await namespaces(words, index, "")
        }
        return completion.candidates(names: names)
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
