import FlowModel
import GRPCCore

/// Decodes responses with loupe's generated binary decoder (`HubbleBinaryMessage`) straight from
/// the transport's buffer: no intermediate copy, and none of swift-protobuf's per-field generic
/// dispatch. Unknown fields, which a newer server may send, are skipped.
struct BinaryDeserializer<Message: HubbleBinaryMessage & Sendable>: MessageDeserializer {
    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> Message {
        do {
            return try serializedMessageBytes.withUnsafeBytes { bytes throws(ProtoDecodingError) in try Message(protoBytes: bytes) }
        } catch {
            throw RPCError(code: .internalError, message: "cannot decode the server's message: \(error)")
        }
    }
}
