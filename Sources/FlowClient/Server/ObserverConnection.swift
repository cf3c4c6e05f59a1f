import FlowModel
import GRPCCore
import GRPCProtobuf
import HubbleAPI
import HubbleServices
import Synchronization

/// The calls loupe makes to one Hubble server (agent, relay or loupe-agent) over a connected client:
/// GetFlows as a stream, and the unary calls with the reference CLI's 12 s deadline.
public struct ObserverConnection<Transport: ClientTransport>: Sendable {
    let observer: Observer_Observer.Client<Transport>
    let health: Grpc_Health_V1_Health.Client<Transport>
    public let server: String
    /// The deadline of unary calls (`--request-timeout`).
    public var requestTimeout: Duration
    /// Sent with every call (the basic authorization header).
    public var metadata: Metadata
    /// GetFlows on a connection of its own (`FlowStream`); nil streams through grpc-swift.
    public var stream: FlowStream?

    public init(
        client: GRPCClient<Transport>, server: String, requestTimeout: Duration = .seconds(12), metadata: Metadata = [:],
        stream: FlowStream? = nil
    ) {
        self.stream = stream
        observer = Observer_Observer.Client(wrapping: client)
        health = Grpc_Health_V1_Health.Client(wrapping: client)
        self.server = server
        self.requestTimeout = requestTimeout
        self.metadata = metadata
    }

    /// Calls fail at once when the server cannot be reached, instead of waiting for it.
    var streamOptions: CallOptions {
        var options = CallOptions.defaults
        options.waitForReady = false
        return options
    }

    var unaryOptions: CallOptions {
        var options = streamOptions
        options.timeout = requestTimeout
        return options
    }

    /// Runs GetFlows and hands the response stream to `handle`; errors come back as `ServerError`
    /// (with `afterData` when the stream had started).
    public func flows<Result: Sendable>(
        _ request: Observer_GetFlowsRequest,
        handle: @Sendable @escaping (FlowBatches) async throws -> Result
    ) async throws -> Result {
        if let stream { return try await stream.flows(request, metadata: metadata, handle: handle) }
        let started = StreamStart()
        do {
            return try await mapped {
                try await observer.getFlows(
                    request: ClientRequest(message: request, metadata: metadata),
                    serializer: ProtobufSerializer<Observer_GetFlowsRequest>(), deserializer: BinaryDeserializer<FlowEnvelope>(),
                    options: streamOptions
                ) { response in
                    // A refusal (a status without a stream, as a relay with no nodes answers) is a
                    // failure to connect: the stream never opened, so retries keep backing off.
                    if case .failure(let refusal) = response.accepted {
                        var error = ServerError(refusal, server: server)
                        error.answered = true
                        throw error
                    }
                    // Headers arrived: the server is there, whatever happens next.
                    started.mark()
                    return try await handle(FlowBatches(response.messages))
                }
            }
        } catch var error as ServerError {
            error.afterData = started.marked
            throw error
        }
    }

    /// `Health/Check` for `hubble.server.Observer`.
    public func healthCheck() async throws -> Grpc_Health_V1_HealthCheckResponse.ServingStatus {
        var request = Grpc_Health_V1_HealthCheckRequest()
        request.service = "hubble.server.Observer"
        return try await mapped { try await health.check(request, metadata: metadata, options: unaryOptions).status }
    }

    public func serverStatus() async throws -> Observer_ServerStatusResponse {
        try await mapped { try await observer.serverStatus(Observer_ServerStatusRequest(), metadata: metadata, options: unaryOptions) }
    }

    public func nodes() async throws -> [Observer_Node] {
        try await mapped { try await observer.getNodes(Observer_GetNodesRequest(), metadata: metadata, options: unaryOptions).nodes }
    }

    public func namespaces() async throws -> [Observer_Namespace] {
        try await mapped { try await observer.getNamespaces(Observer_GetNamespacesRequest(), metadata: metadata, options: unaryOptions).namespaces }
    }

    private func mapped<R>(_ call: () async throws -> R) async throws -> R {
        do {
            return try await call()
        } catch let error as RPCError {
            throw ServerError(error, server: server)
        }
    }
}

/// Whether a stream got as far as its response headers.
final class StreamStart: Sendable {
    private let state = Mutex(false)
    func mark() { state.withLock { $0 = true } }
    var marked: Bool { state.withLock { $0 } }
}

/// The calls of a connection, whatever its transport (TCP, Unix socket, in-process).
public protocol ObserverCalls: Sendable {
    var server: String { get }
    func flows<Result: Sendable>(
        _ request: Observer_GetFlowsRequest,
        handle: @Sendable @escaping (FlowBatches) async throws -> Result
    ) async throws -> Result
    func healthCheck() async throws -> Grpc_Health_V1_HealthCheckResponse.ServingStatus
    func serverStatus() async throws -> Observer_ServerStatusResponse
    func nodes() async throws -> [Observer_Node]
    func namespaces() async throws -> [Observer_Namespace]
}

extension ObserverConnection: ObserverCalls {}
