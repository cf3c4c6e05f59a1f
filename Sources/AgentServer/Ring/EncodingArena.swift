import NIOCore

/// Flows encoded together for one field mask, each as one gRPC message (its 5-byte prefix, then the
/// `GetFlowsResponse`), one after another. The ring's slots refer to their parts of it
/// (`FlowRing.KeptEncoding`), so a later reader with the same mask sends a run of flows encoded
/// together as one slice of these bytes, neither copied nor encoded again.
public final class EncodingArena: Sendable {
    /// The field mask's paths.
    public let key: String
    public let bytes: ByteBuffer

    public init(key: String, bytes: ByteBuffer) {
        self.key = key
        self.bytes = bytes
    }

    /// A flow's part: where its message starts in `bytes` (from the reader index) and its size,
    /// prefix included.
    public struct Part: Sendable, Equatable {
        public var position: UInt64
        public var offset: Int
        public var length: Int

        public init(position: UInt64, offset: Int, length: Int) {
            self.position = position
            self.offset = offset
            self.length = length
        }
    }

    /// The bytes from `offset` on, `length` of them, as a view of these.
    func slice(offset: Int, length: Int) -> ByteBuffer {
        bytes.getSlice(at: bytes.readerIndex + offset, length: length)!
    }
}
