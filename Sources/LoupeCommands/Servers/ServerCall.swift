import FlowClient
import FlowOutput
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2

/// Connects to the configured servers (or the demo agent) and words failures as the reference CLI
/// does.
package enum ServerCall {
    /// One source per server of the options (`--server`, the environment, the default), or the demo agent.
    package static func sources(_ settings: ServerSettings) -> [FanIn.Source] {
        let timeout = settings.requestTimeout
        if settings.demo {
            return [FanIn.Source(name: "demo") { body in
                try await DemoAgent.withConnection(requestTimeout: timeout) { try await body($0) }
            }]
        }
        let security = settings.security
        if let forward = settings.portForward {
            // One source, reached through kubectl for as long as each connection lasts: a reconnect
            // forwards again (kubectl's forward ends with the pod it reached).
            let name = "\(forward.namespace)/svc/\(forward.service)"
            return [FanIn.Source(name: name) { body in
                do {
                    try await forward.run { address in
                        try await connect(address, name: name, security: security, timeout: timeout, body)
                    }
                } catch let failure as PortForward.Failure {
                    throw ServerError(code: .unavailable, message: failure.description, server: name)
                }
            }]
        }
        return settings.addresses.map { address in
            FanIn.Source(name: address.text) { body in
                try await connect(address, name: address.text, security: security, timeout: timeout, body)
            }
        }
    }

    /// Connects to `address` over HTTP/2 and runs `body` with the connection.
    private static func connect(
        _ address: ServerAddress, name: String, security: ClientSecurity, timeout: Duration,
        _ body: @escaping @Sendable (any ObserverCalls) async throws -> Void
    ) async throws {
        let transport: HTTP2ClientTransport.Posix
        do {
            transport = try ObserverTransport.http2(address, security: security)
        } catch {
            throw ServerError(code: .unavailable, message: "\(error)", server: name)
        }
        try await withGRPCClient(transport: transport) { client in
            let stream = FlowStream(address: address, security: security, server: name, connectTimeout: timeout)
            try await body(ObserverConnection(client: client, server: name, requestTimeout: timeout, metadata: security.metadata, stream: stream))
        }
    }

    /// Runs `body` against every server at once; each answer or failure comes back in the order of
    /// the servers.
    package static func each<Result: Sendable>(
        _ settings: ServerSettings, prefix: String? = nil,
        _ body: @Sendable @escaping (any ObserverCalls) async throws -> Result
    ) async -> [(server: String, result: Swift.Result<Result, CLIError>)] {
        let sources = sources(settings)
        return await withTaskGroup(of: (Int, Swift.Result<Result, CLIError>).self) { group in
            for (index, source) in sources.enumerated() {
                group.addTask {
                    do {
                        return (index, .success(try await source.call(body)))
                    } catch let error as ServerError {
                        var failure = CLIError.server(error, debug: settings.debug)
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
    package static func gather<Result: Sendable>(
        _ settings: ServerSettings, prefix: String? = nil,
        _ body: @Sendable @escaping (any ObserverCalls) async throws -> Result
    ) async throws -> (answers: [Result], failure: CLIError?) {
        let results = await each(settings, prefix: prefix, body)
        if results.count == 1 { return ([try results[0].result.get()], nil) }
        let answers = results.compactMap { try? $0.result.get() }
        let failure = failure(of: results)
        if failure != nil && answers.isEmpty { throw failure! }
        return (answers, failure)
    }

    /// The failure to exit with, by the rule of `CLIError.failure(of:servers:)`.
    package static func failure<Result: Sendable>(of results: [(server: String, result: Swift.Result<Result, CLIError>)]) -> CLIError? {
        let failures = results.compactMap { entry -> CLIError? in
            if case .failure(let error) = entry.result { return error }
            return nil
        }
        return CLIError.failure(of: failures, servers: results.count)
    }
}
