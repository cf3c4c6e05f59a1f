import FlowClient
import FlowOutput
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2

/// Runs unary calls against the configured server (or the demo agent) and words failures as the
/// reference CLI does.
enum ServerCall {
    /// - Parameter prefix: put before the error text (`failed getting status`), as hubble does.
    static func run<Result: Sendable>(
        _ options: ServerOptions, prefix: String? = nil,
        _ body: @Sendable @escaping (any ObserverCalls) async throws -> Result
    ) async throws -> Result {
        let timeout = try options.timeout()
        do {
            if options.demo {
                return try await DemoAgent.withConnection(requestTimeout: timeout) { try await body($0) }
            }
            let address = try options.address(environment: ProcessInfo.processInfo.environment)
            let transport: HTTP2ClientTransport.Posix
            do {
                transport = try ObserverTransport.http2(address)
            } catch {
                throw CLIError(message: "\(error)", status: .unreachable)
            }
            return try await withGRPCClient(transport: transport) { client in
                try await body(ObserverConnection(client: client, server: address.text, requestTimeout: timeout))
            }
        } catch let error as ServerError {
            var failure = CLIError.server(error)
            if let prefix, !error.isUnreachable { failure.message = "\(prefix): \(failure.message)" }
            throw failure
        }
    }
}
