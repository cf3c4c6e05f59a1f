import FlowClient
import FlowOutput
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2

/// Connects to the configured servers (or the demo agent) and words failures as the reference CLI
/// does.
enum ServerCall {
    /// One source per server of the options (`--server`, the environment, the default), or the demo agent.
    static func sources(_ options: ServerOptions) throws -> [FanIn.Source] {
        let timeout = try options.timeout()
        if options.demo {
            return [FanIn.Source(name: "demo") { body in
                try await DemoAgent.withConnection(requestTimeout: timeout) { try await body($0) }
            }]
        }
        let addresses = try options.addresses()
        let security = try options.security(for: addresses)
        return addresses.map { address in
            FanIn.Source(name: address.text) { body in
                let transport: HTTP2ClientTransport.Posix
                do {
                    transport = try ObserverTransport.http2(address, security: security)
                } catch {
                    throw ServerError(code: .unavailable, message: "\(error)", server: address.text)
                }
                try await withGRPCClient(transport: transport) { client in
                    try await body(ObserverConnection(
                        client: client, server: address.text, requestTimeout: timeout, metadata: security.metadata))
                }
            }
        }
    }

    /// Runs `body` against every server at once; each answer or failure comes back in the order of
    /// the servers.
    static func each<Result: Sendable>(
        _ options: ServerOptions, prefix: String? = nil,
        _ body: @Sendable @escaping (any ObserverCalls) async throws -> Result
    ) async throws -> [(server: String, result: Swift.Result<Result, CLIError>)] {
        let sources = try sources(options)
        return await withTaskGroup(of: (Int, Swift.Result<Result, CLIError>).self) { group in
            for (index, source) in sources.enumerated() {
                group.addTask {
                    do {
                        let box = ResultBox<Result>()
                        try await source.connect { calls in box.set(try await body(calls)) }
                        return (index, .success(box.value!))
                    } catch let error as ServerError {
                        var failure = CLIError.server(error)
                        if let prefix, !error.isUnreachable { failure.message = "\(prefix): \(failure.message)" }
                        return (index, .failure(failure))
                    } catch let error as CLIError {
                        return (index, .failure(error))
                    } catch {
                        return (index, .failure(CLIError.runtime("\(error)")))
                    }
                }
            }
            var results: [(String, Swift.Result<Result, CLIError>)?] = Array(repeating: nil, count: sources.count)
            for await (index, result) in group { results[index] = (sources[index].name, result) }
            return results.map { $0! }
        }
    }

    /// The answers of every server that answered, and the failure to exit with afterwards: one
    /// server's failure is thrown at once, as the reference does; with several, the others' answers
    /// are still used.
    static func gather<Result: Sendable>(
        _ options: ServerOptions, prefix: String? = nil,
        _ body: @Sendable @escaping (any ObserverCalls) async throws -> Result
    ) async throws -> (answers: [Result], failure: CLIError?) {
        let results = try await each(options, prefix: prefix, body)
        if results.count == 1 { return ([try results[0].result.get()], nil) }
        let answers = results.compactMap { try? $0.result.get() }
        let failure = failure(of: results)
        if failure != nil && answers.isEmpty { throw failure! }
        return (answers, failure)
    }

    /// The exit status when some servers answered and others did not: 3 when none could be reached,
    /// else 1 when any failed.
    static func failure<Result: Sendable>(of results: [(server: String, result: Swift.Result<Result, CLIError>)]) -> CLIError? {
        let failures = results.compactMap { entry -> CLIError? in
            if case .failure(let error) = entry.result { return error }
            return nil
        }
        guard !failures.isEmpty else { return nil }
        if results.count == 1 { return failures[0] }
        let noneReached = failures.count == results.count && failures.allSatisfy { $0.status == .unreachable }
        return CLIError.serversFailed(failures.map(\.message), of: results.count, noneReached: noneReached)
    }
}

/// The answer of a call made inside a connection's scope.
final class ResultBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    func set(_ value: Value) { lock.withLock { stored = value } }
    var value: Value? { lock.withLock { stored } }
}
