import NIOCore

/// Answers the client's HTTP/2 PINGs itself, below the HTTP/2 handler, which never sees them.
///
/// Why: grpc-go clients (the hubble CLI, Hubble Relay) estimate the bandwidth-delay product with a
/// PING each time DATA arrives and none is outstanding (grpc-go `internal/transport/bdp_estimator.go`),
/// so a stream carries a PING per burst of data for as long as it lasts. swift-nio-http2 counts
/// PINGs among control frames limited to 200 per 30 s (`DOSHeuristics`), a limit grpc-swift does not
/// let a server change, and closes the connection with GOAWAY past it: the reference CLI following
/// loupe-agent at 100 flows/s failed after about 5 s with "the connection is draining". Cilium's
/// agent (grpc-go) answers such pings at any rate.
///
/// The handler reads the frame layout of both directions (RFC 9113 §4.1: a 9-byte header whose
/// first three bytes are the payload length; §3.4: the client starts with a 24-byte preface),
/// removes inbound PINGs that are not acknowledgements (§6.7: an 8-byte payload on stream 0),
/// and writes each acknowledgement between two outbound frames, never inside one. A client that
/// sends PINGs without reading the answers is disconnected once `maxPending` are waiting.
public final class PingResponder: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = ByteBuffer
    public typealias OutboundIn = IOData
    public typealias OutboundOut = IOData

    /// Where a byte stream stands in its frame layout.
    struct FrameCursor {
        /// Bytes before the first frame (the client's preface).
        var skip: Int
        var header: [UInt8] = []
        /// Payload bytes left in the current frame.
        var payload = 0
        /// The current frame is an inbound PING being removed; its payload so far.
        var ping: [UInt8]? = nil

        /// Between two frames (outside the preface).
        var atBoundary: Bool { skip == 0 && header.isEmpty && payload == 0 }
    }

    private var inbound = FrameCursor(skip: 24)
    private var outbound = FrameCursor(skip: 0)
    private var pending: [[UInt8]] = []
    private var acknowledgementsUnflushed = false
    private let maxPending: Int

    public init(maxPending: Int = 256) {
        self.maxPending = maxPending
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        var passed = context.channel.allocator.buffer(capacity: buffer.readableBytes)
        while buffer.readableBytes > 0 {
            if inbound.skip > 0 {
                let count = min(inbound.skip, buffer.readableBytes)
                var slice = buffer.readSlice(length: count)!
                passed.writeBuffer(&slice)
                inbound.skip -= count
            } else if inbound.payload > 0 {
                let count = min(inbound.payload, buffer.readableBytes)
                if inbound.ping != nil {
                    inbound.ping! += buffer.readBytes(length: count)!
                } else {
                    var slice = buffer.readSlice(length: count)!
                    passed.writeBuffer(&slice)
                }
                inbound.payload -= count
                if inbound.payload == 0, let payload = inbound.ping {
                    inbound.ping = nil
                    pending.append(payload)
                }
            } else {
                let count = min(9 - inbound.header.count, buffer.readableBytes)
                inbound.header += buffer.readBytes(length: count)!
                guard inbound.header.count == 9 else { continue }
                let header = inbound.header
                inbound.header = []
                inbound.payload = Int(header[0]) << 16 | Int(header[1]) << 8 | Int(header[2])
                let isPing = header[3] == 0x6 && header[4] & 0x1 == 0 && inbound.payload == 8
                    && header[5] & 0x7F == 0 && header[6] == 0 && header[7] == 0 && header[8] == 0
                if isPing {
                    inbound.ping = []
                } else {
                    passed.writeBytes(header)
                }
            }
        }
        if passed.readableBytes > 0 { context.fireChannelRead(wrapInboundOut(passed)) }
        guard pending.count <= maxPending else {
            context.close(promise: nil)
            return
        }
        if !pending.isEmpty, outbound.atBoundary {
            writePending(context: context)
            acknowledgementsUnflushed = true
        }
    }

    /// Acknowledgements written while reading go out with what the read lets the HTTP/2 handler
    /// send (it flushes once the read completes), in one write instead of one of their own.
    public func channelReadComplete(context: ChannelHandlerContext) {
        context.fireChannelReadComplete()
        if acknowledgementsUnflushed { flush(context: context) }
    }

    public func flush(context: ChannelHandlerContext) {
        acknowledgementsUnflushed = false
        context.flush()
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .byteBuffer(let buffer) = unwrapOutboundIn(data) {
            advance(&outbound, over: buffer)
        }
        context.write(data, promise: promise)
        if !pending.isEmpty, outbound.atBoundary { writePending(context: context) }
    }

    /// Moves the outbound cursor over bytes written (frames are only followed, never changed).
    private func advance(_ cursor: inout FrameCursor, over buffer: ByteBuffer) {
        var offset = buffer.readerIndex
        let end = buffer.writerIndex
        while offset < end {
            if cursor.payload > 0 {
                let count = min(cursor.payload, end - offset)
                cursor.payload -= count
                offset += count
            } else {
                let count = min(9 - cursor.header.count, end - offset)
                cursor.header += buffer.getBytes(at: offset, length: count)!
                offset += count
                if cursor.header.count == 9 {
                    cursor.payload = Int(cursor.header[0]) << 16 | Int(cursor.header[1]) << 8 | Int(cursor.header[2])
                    cursor.header = []
                }
            }
        }
    }

    private func writePending(context: ChannelHandlerContext) {
        for payload in pending {
            var frame = context.channel.allocator.buffer(capacity: 17)
            // Length 8, type PING, flags ACK, stream 0, then the payload echoed.
            frame.writeBytes([0, 0, 8, 0x6, 0x1, 0, 0, 0, 0])
            frame.writeBytes(payload)
            context.write(wrapOutboundOut(.byteBuffer(frame)), promise: nil)
        }
        pending.removeAll(keepingCapacity: true)
    }
}
