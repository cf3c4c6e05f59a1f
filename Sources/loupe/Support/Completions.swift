import ArgumentParser
import FilterLanguage
import FlowClient
import FlowModel
import FlowOutput
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Synchronization

/// Values the shells complete beyond what the argument definitions list: field names in
/// expressions, drop reasons, and the namespaces of the configured server.
enum Completions {
    static let outputFormats = ["compact", "dict", "table", "json", "jsonpb"]
    static let colors = ["auto", "always", "never"]
    static let timeLayouts = [
        "StampMilli", "YearMonthDay", "YearMonthDayHour", "YearMonthDayHourMinute", "RFC3339", "RFC3339Milli",
        "RFC3339Micro", "RFC3339Nano", "RFC1123Z",
    ]

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
    /// deadline; none when it cannot be reached. (Synchronous for argument-parser: the commands are
    /// also parsed synchronously, and a shell waits for the answer anyway.)
    @Sendable static func namespaces(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        let answer = Answer()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            answer.set(await askNamespaces(prefix: prefix))
            done.signal()
        }
        done.wait()
        return answer.names
    }

    private final class Answer: Sendable {
        private let value = Mutex<[String]>([])
        func set(_ names: [String]) { value.withLock { $0 = names } }
        var names: [String] { value.withLock { $0 } }
    }

    private static func askNamespaces(prefix: String) async -> [String] {
        let environment = ProcessInfo.processInfo.environment
        let arguments = (try? Invocation.resolve(["list", "namespaces"], environment: environment)) ?? []
        guard let options = try? List.Namespaces.parse(Array(arguments.dropFirst(2))),
              let sources = try? ServerCall.sources(options.serverOptions)
        else { return [] }
        let found = Found()
        await withTaskGroup(of: Void.self) { group in
            for source in sources {
                group.addTask {
                    try? await source.connect { connection in
                        let names = try await connection.namespaces().map(\.namespace)
                        found.withLock { $0.formUnion(names) }
                    }
                }
            }
            group.addTask { try? await Task.sleep(for: .seconds(2)) }
            await group.next()
            group.cancelAll()
        }
        return found.names.filter { $0.hasPrefix(prefix) }.sorted()
    }

    private final class Found: Sendable {
        private let found = Mutex<Set<String>>([])
        func withLock(_ body: (inout Set<String>) -> Void) { found.withLock { body(&$0) } }
        var names: Set<String> { found.withLock { $0 } }
    }
}
