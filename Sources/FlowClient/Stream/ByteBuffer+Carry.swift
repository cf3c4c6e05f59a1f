import NIOCore

extension Optional where Wrapped == ByteBuffer {
    /// What was held (the start of something an earlier read did not finish) followed by
    /// `incoming`; nothing is held afterwards. The held bytes are taken out before appending, so
    /// that appending does not copy them.
    mutating func take(appending incoming: ByteBuffer) -> ByteBuffer {
        guard var held = self else { return incoming }
        self = nil
        var incoming = incoming
        held.writeBuffer(&incoming)
        return held
    }
}
