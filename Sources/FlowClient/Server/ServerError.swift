import GRPCCore

/// A call that failed, worded as the reference CLI words it: the status message alone for UNKNOWN
/// (the server's own error text), otherwise `rpc error: code = <Code> desc = <message>`.
public struct ServerError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: RPCError.Code
    public var message: String
    /// The server that answered (or did not).
    public var server: String
    /// The call failed after the server had sent something: the stream broke, it was not a
    /// failure to connect.
    public var afterData = false
    /// The server itself answered the call with this status (a refusal without a stream), as
    /// opposed to a connection that failed or broke.
    public var answered = false

    public init(_ error: RPCError, server: String) {
        code = error.code
        message = error.message
        if let cause = Self.underlyingCause(of: error) { message += " (\(cause))" }
        self.server = server
    }

    /// What lies under a failure to connect, when the transport says (a TLS handshake that failed,
    /// a refused connection): the first cause that is not itself an RPC error.
    static func underlyingCause(of error: RPCError) -> String? {
        guard error.code == .unavailable else { return nil }
        var cause: (any Error)? = error.cause
        var depth = 0
        while let current = cause, depth < 8 {
            if let rpc = current as? RPCError {
                cause = rpc.cause
            } else if let runtime = current as? RuntimeError {
                cause = runtime.cause
            } else {
                return "\(current)"
            }
            depth += 1
        }
        return nil
    }

    /// What a followed stream that a server closed without an error is reported as.
    public static let streamEndedMessage = "the server ended the stream"
    /// What a connection that closed before the server answered is reported as.
    public static let connectionClosedMessage = "the connection closed"

    public init(code: RPCError.Code, message: String, server: String) {
        self.code = code
        self.message = message
        self.server = server
    }

    /// No connection could be made (nothing listening, a name that does not resolve, a deadline
    /// passed before connecting).
    public var isUnreachable: Bool { code == .unavailable && !afterData }

    public var description: String {
        if code == .unknown { return message }
        return "rpc error: code = \(Self.goName(code)) desc = \(message)"
    }

    /// grpc-go's names for status codes.
    public static func goName(_ code: RPCError.Code) -> String {
        switch code {
        case .cancelled: "Canceled"
        case .unknown: "Unknown"
        case .invalidArgument: "InvalidArgument"
        case .deadlineExceeded: "DeadlineExceeded"
        case .notFound: "NotFound"
        case .alreadyExists: "AlreadyExists"
        case .permissionDenied: "PermissionDenied"
        case .resourceExhausted: "ResourceExhausted"
        case .failedPrecondition: "FailedPrecondition"
        case .aborted: "Aborted"
        case .outOfRange: "OutOfRange"
        case .unimplemented: "Unimplemented"
        case .internalError: "Internal"
        case .unavailable: "Unavailable"
        case .dataLoss: "DataLoss"
        case .unauthenticated: "Unauthenticated"
        default: "Code(\(code.rawValue))"
        }
    }
}
