import GRPCCore

/// Lets a call through only with the basic credentials of a user the agent knows, as the reference
/// CLI sends them (`--basic-auth-username`/`--basic-auth-password`: metadata
/// `authorization: Basic base64(user:password)`); others end with UNAUTHENTICATED. The health
/// service stays open, for the probes that cannot send credentials: it tells only whether the
/// agent serves.
public struct BasicAuthInterceptor: ServerInterceptor {
    let authenticator: BasicAuthenticator

    public init(authenticator: BasicAuthenticator) {
        self.authenticator = authenticator
    }

    static let openService = "grpc.health.v1.Health"

    public func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>,
        context: ServerContext,
        next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        if context.descriptor.service.fullyQualifiedService == Self.openService {
            return try await next(request, context)
        }
        let header = request.metadata[stringValues: "authorization"].first(where: { _ in true })
        if let refusal = Self.refusal(await authenticator.authenticate(header)) { throw refusal }
        return try await next(request, context)
    }

    /// Why a call with credentials judged `outcome` is refused; `nil` when it is let through.
    static func refusal(_ outcome: BasicAuthenticator.Outcome) -> RPCError? {
        switch outcome {
        case .accepted:
            return nil
        case .missing:
            return RPCError(code: .unauthenticated, message: "this agent needs basic authentication: give --basic-auth-username and --basic-auth-password")
        case .malformed:
            return RPCError(code: .unauthenticated, message: "the authorization metadata is not Basic base64(user:password)")
        case .rejected:
            return RPCError(code: .unauthenticated, message: "invalid user name or password")
        }
    }
}
