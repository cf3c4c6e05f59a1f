import FlowModel
import GRPCCore
import GRPCProtobuf
import HubbleAPI
import HubbleServices

/// Encodes responses with loupe's generated binary encoder (`HubbleBinaryEncodable`): one pass, no
/// size pre-computation per nested message, the same bytes as swift-protobuf writes.
struct BinarySerializer<Message: HubbleBinaryEncodable & Sendable>: MessageSerializer {
    func serialize<Bytes: GRPCContiguousBytes>(_ message: Message) throws -> Bytes {
        var writer = ProtoWriter(capacity: 768)
        message.encodeBinary(to: &writer)
        return writer.withBytes { Bytes($0) }
    }
}

/// The observer service with GetFlows answered through `BinarySerializer` and with flows written
/// through the request's field mask as they are encoded (`MaskedFlowResponse`), instead of a masked
/// copy of each: the generated registration, then GetFlows registered again (the router keeps the
/// last handler of a method).
public struct ObserverServiceRegistration: RegistrableRPCService {
    let base: ObserverService

    public init(_ base: ObserverService) { self.base = base }

    public func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        base.registerMethods(with: &router)
        let base = self.base
        router.registerHandler(
            forMethod: Observer_Observer.Method.GetFlows.descriptor,
            deserializer: ProtobufDeserializer<Observer_GetFlowsRequest>(),
            serializer: BinarySerializer<MaskedFlowResponse>()
        ) { request, context in
            let single = try await ServerRequest(stream: request)
            return try base.flowResponse(for: single.message, masksFlows: false) { MaskedFlowResponse(envelope: $0, mask: $1) }
        }
    }
}
