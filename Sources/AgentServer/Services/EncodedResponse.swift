import FlowModel
import GRPCCore
import GRPCProtobuf
import HubbleAPI
import HubbleServices

/// A response already encoded: its bytes go out as they are.
struct EncodedResponse: Sendable {
    var bytes: [UInt8]
}

struct EncodedSerializer: MessageSerializer {
    func serialize<Bytes: GRPCContiguousBytes>(_ message: EncodedResponse) throws -> Bytes {
        message.bytes.withUnsafeBytes { Bytes($0) }
    }
}

/// The observer service with GetFlows answered with responses encoded by loupe's binary encoder,
/// flows written through the request's field mask as they are encoded (`MaskedFlowResponse`)
/// instead of a masked copy of each, once per flow and mask (`ObserverService.encodedFlowResponse`):
/// the generated registration, then GetFlows registered again (the router keeps the last handler of
/// a method).
public struct ObserverServiceRegistration: RegistrableRPCService {
    let base: ObserverService

    public init(_ base: ObserverService) { self.base = base }

    public func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        base.registerMethods(with: &router)
        let base = self.base
        router.registerHandler(
            forMethod: Observer_Observer.Method.GetFlows.descriptor,
            deserializer: ProtobufDeserializer<Observer_GetFlowsRequest>(),
            serializer: EncodedSerializer()
        ) { request, context in
            let single = try await ServerRequest(stream: request)
            return try base.encodedFlowResponse(for: single.message)
        }
    }
}
