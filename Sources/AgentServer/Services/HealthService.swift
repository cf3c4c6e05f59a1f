import FlowModel
import GRPCCore
import HubbleAPI
import HubbleServices

/// `grpc.health.v1.Health` for the one service a Hubble server registers.
public struct HealthService: Grpc_Health_V1_Health.ServiceProtocol {
    public static let observerService = "hubble.server.Observer"
    let hub: FlowHub

    public init(hub: FlowHub) { self.hub = hub }

    func status(of service: String) -> Grpc_Health_V1_HealthCheckResponse.ServingStatus? {
        guard service.isEmpty || service == Self.observerService else { return nil }
        return hub.isClosed ? .notServing : .serving
    }

    public func check(
        request: ServerRequest<Grpc_Health_V1_HealthCheckRequest>, context: ServerContext
    ) async throws -> ServerResponse<Grpc_Health_V1_HealthCheckResponse> {
        guard let status = status(of: request.message.service) else {
            throw RPCError(code: .notFound, message: "unknown service")
        }
        var response = Grpc_Health_V1_HealthCheckResponse()
        response.status = status
        return ServerResponse(message: response)
    }

    public func watch(
        request: ServerRequest<Grpc_Health_V1_HealthCheckRequest>, context: ServerContext
    ) async throws -> StreamingServerResponse<Grpc_Health_V1_HealthCheckResponse> {
        let status = status(of: request.message.service) ?? .serviceUnknown
        let hub = self.hub
        return StreamingServerResponse { writer in
            var response = Grpc_Health_V1_HealthCheckResponse()
            response.status = status
            try await writer.write(response)
            // The status changes only when the server stops.
            while !Task.isCancelled && !hub.isClosed {
                await hub.waitForEvents(at: .max)
            }
            return [:]
        }
    }
}
