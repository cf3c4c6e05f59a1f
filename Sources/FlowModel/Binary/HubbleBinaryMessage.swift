import Foundation

/// A message that reads the protobuf binary format with `ProtoReader`: what a Hubble server sends.
/// Conformances for our messages are generated (`dev/generate-protos.sh`); the well-known types are
/// written by hand. Fields the message does not know are skipped.
public protocol HubbleBinaryMessage {
    init()
    /// Reads fields up to the end of `reader`, merging them into the message.
    mutating func decodeBinaryFields(from reader: inout ProtoReader) throws(ProtoDecodingError)
}

extension HubbleBinaryMessage {
    /// Decodes one message held in `bytes`.
    public init(protoBytes bytes: UnsafeRawBufferPointer) throws(ProtoDecodingError) {
        self.init()
        var reader = ProtoReader(bytes)
        try decodeBinaryFields(from: &reader)
    }
}
