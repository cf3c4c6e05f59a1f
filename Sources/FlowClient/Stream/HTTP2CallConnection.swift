import NIOCore
import NIOHPACK

/// The client side of an HTTP/2 connection that carries one call (RFC 9113), as a state machine
/// over bytes: the bytes read go in, what they mean comes out as events, and the bytes to send
/// (the preface, the request, acknowledgements, window updates) wait in `outbound`.
///
/// GetFlows is one long stream of small messages. A general HTTP/2 stack pays per frame for
/// stream bookkeeping and a hop to a stream channel; with one stream on the connection there is
/// nothing to look up, so a DATA frame's payload goes to the call as it is read, a slice of the
/// read's buffer, without being gathered first.
///
/// It speaks what a client must: the connection preface and SETTINGS (and their acknowledgement),
/// HEADERS with CONTINUATION and HPACK, DATA (padded or not), flow control both ways (the request
/// waits for the server's windows; the server's data is credited only as the reader takes it),
/// PING, RST_STREAM and GOAWAY. Frames of unknown types are ignored (§5.5).
struct HTTP2CallConnection {
    /// What a read means for the call.
    enum Event {
        /// The server's preface (its first SETTINGS): it speaks HTTP/2 and is there.
        case prefaceReceived
        /// A header block on the call's stream: the response headers, or the trailers.
        case headers(HPACKHeaders, endStream: Bool)
        /// Payload of DATA on the call's stream, possibly part of a frame.
        case data(ByteBuffer)
        /// The server ended the stream with DATA (no trailers).
        case dataEnded
        /// RST_STREAM on the call's stream.
        case reset(ErrorCode)
        /// GOAWAY: streams above `lastStreamID` were not processed.
        case goAway(lastStreamID: UInt32, code: ErrorCode, debug: String)
    }

    /// An HTTP/2 error code (§7).
    struct ErrorCode: Equatable, CustomStringConvertible {
        var value: UInt32
        static let noError = ErrorCode(value: 0)
        static let protocolError = ErrorCode(value: 1)
        static let internalError = ErrorCode(value: 2)
        static let flowControlError = ErrorCode(value: 3)
        static let frameSizeError = ErrorCode(value: 6)
        static let refusedStream = ErrorCode(value: 7)
        static let cancel = ErrorCode(value: 8)
        static let compressionError = ErrorCode(value: 9)
        static let enhanceYourCalm = ErrorCode(value: 0xB)
        static let inadequateSecurity = ErrorCode(value: 0xC)

        var description: String {
            let names = [
                "NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT", "STREAM_CLOSED",
                "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR", "CONNECT_ERROR", "ENHANCE_YOUR_CALM",
                "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED",
            ]
            return Int(value) < names.count ? names[Int(value)] : "error \(value)"
        }
    }

    /// The server broke the protocol: the connection ends (a GOAWAY with `code` is queued).
    struct ConnectionError: Error, CustomStringConvertible {
        var code: ErrorCode
        var message: String
        /// The server's first bytes were not HTTP/2's.
        var notHTTP2 = false
        var description: String { "HTTP/2 \(code): \(message)" }
    }

    /// Our settings: a 1 MiB stream window (what the server may send before the reader takes it:
    /// large enough that a fast server rarely waits on loopback, small enough to bound what is held
    /// undecoded, about 1,500 flows), frames of up to 1 MiB so that a burst is few frames, and no push.
    static let streamWindow = 1 << 20
    static let connectionWindow = 8 << 20
    static let maxFrameSize = 1 << 20
    static let maxHeaderListSize = HPACKDecoder.defaultMaxHeaderListSize
    /// The call's stream: the first a client opens.
    static let streamID: UInt32 = 1

    var outbound: ByteBuffer
    private var carry: ByteBuffer?
    private var reading = ReadState.frameHeader
    var decoder: HPACKDecoder
    var headerBlock: (buffer: ByteBuffer, endStream: Bool)?
    var sawSettings = false
    var streamClosed = false

    // Sending: the request waits for the server's windows and is cut to its frame size.
    var request: ByteBuffer
    var sendConnectionWindow = 65_535
    var sendStreamWindow = 65_535
    var peerMaxFrameSize = 16_384
    var peerInitialWindow = 65_535

    // Receiving: what the server may still send, and what was taken but not yet credited back.
    private var receiveConnectionWindow = 65_535
    private var receiveStreamWindow = 65_535
    private var uncreditedConnection = 0
    private var uncreditedStream = 0

    private enum ReadState {
        case frameHeader
        /// A frame whose payload is handed over only whole.
        case payload(FrameHeader)
        /// An unpadded DATA frame's payload, handed over as it arrives.
        case data(remaining: Int, endStream: Bool)
    }

    struct FrameHeader {
        var length: Int
        var type: UInt8
        var flags: UInt8
        var streamID: UInt32
    }

    /// The connection's opening: preface, settings, a larger connection window, the request's
    /// headers and as much of its message as the default windows allow.
    init(requestHeaders: HPACKHeaders, request: ByteBuffer, allocator: ByteBufferAllocator) throws {
        self.request = request
        decoder = HPACKDecoder(allocator: allocator, maxDynamicTableSize: HPACKDecoder.maxDynamicTableSize, maxHeaderListSize: Self.maxHeaderListSize)
        outbound = allocator.buffer(capacity: 512 + request.readableBytes)
        outbound.writeString("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
        writeSettings([(2, 0), (4, UInt32(Self.streamWindow)), (5, UInt32(Self.maxFrameSize)), (6, UInt32(Self.maxHeaderListSize))])
        writeWindowUpdate(streamID: 0, increment: Self.connectionWindow - 65_535)
        receiveConnectionWindow = Self.connectionWindow
        receiveStreamWindow = Self.streamWindow
        var encoder = HPACKEncoder(allocator: allocator)
        var block = allocator.buffer(capacity: 256)
        try encoder.encode(headers: requestHeaders, to: &block)
        writeHeaderBlock(block)
        sendRequest()
    }

    /// The bytes waiting to be written, taken.
    mutating func takeOutbound() -> ByteBuffer? {
        guard outbound.readableBytes > 0 else { return nil }
        let bytes = outbound
        outbound.clear()
        return bytes
    }

    /// The reader took `count` bytes of DATA payload: the server may send them again once they are
    /// credited (`credit()`).
    mutating func taken(_ count: Int) {
        uncreditedConnection += count
        uncreditedStream += count
    }

    /// Gives back to the server the windows the reader has freed, once half of one is free (fewer,
    /// larger updates). Returns whether an update was queued.
    @discardableResult
    mutating func credit() -> Bool {
        var queued = false
        if uncreditedConnection >= Self.connectionWindow / 2 {
            writeWindowUpdate(streamID: 0, increment: uncreditedConnection)
            receiveConnectionWindow += uncreditedConnection
            uncreditedConnection = 0
            queued = true
        }
        if !streamClosed, uncreditedStream >= Self.streamWindow / 2 {
            writeWindowUpdate(streamID: Self.streamID, increment: uncreditedStream)
            receiveStreamWindow += uncreditedStream
            uncreditedStream = 0
            queued = true
        }
        return queued
    }

    /// Reads the frames in `incoming` (and what an earlier read left of a frame), telling `event`
    /// what they mean for the call.
    mutating func receive(_ incoming: ByteBuffer, _ event: (Event) throws -> Void) throws {
        var buffer = carry.take(appending: incoming)
        while true {
            switch reading {
            case .frameHeader:
                guard buffer.readableBytes >= 9 else {
                    if buffer.readableBytes > 0 { carry = buffer }
                    return
                }
                let header = readFrameHeader(&buffer)
                try begin(header, event)
            case .payload(let header):
                guard buffer.readableBytes >= header.length else {
                    carry = buffer
                    return
                }
                let payload = buffer.readSlice(length: header.length)!
                reading = .frameHeader
                try handle(header, payload: payload, event)
            case .data(let remaining, let endStream):
                guard buffer.readableBytes > 0 || remaining == 0 else { return }
                let count = min(remaining, buffer.readableBytes)
                if count > 0 {
                    let chunk = buffer.readSlice(length: count)!
                    if !streamClosed { try event(.data(chunk)) }
                }
                if count == remaining {
                    reading = .frameHeader
                    if endStream, !streamClosed {
                        streamClosed = true
                        try event(.dataEnded)
                    }
                } else {
                    reading = .data(remaining: remaining - count, endStream: endStream)
                }
            }
        }
    }

    private func readFrameHeader(_ buffer: inout ByteBuffer) -> FrameHeader {
        let high = Int(buffer.readInteger(as: UInt8.self)!)
        let low = Int(buffer.readInteger(as: UInt16.self)!)
        let type = buffer.readInteger(as: UInt8.self)!
        let flags = buffer.readInteger(as: UInt8.self)!
        let stream = buffer.readInteger(as: UInt32.self)! & 0x7FFF_FFFF
        return FrameHeader(length: high << 16 | low, type: type, flags: flags, streamID: stream)
    }

    /// A frame header was read: checks what can be checked before its payload.
    private mutating func begin(_ header: FrameHeader, _ event: (Event) throws -> Void) throws {
        if !sawSettings {
            // §3.4: the server's preface is a SETTINGS frame. Anything else is not HTTP/2 (an
            // HTTP/1 server answering, TLS alerts, another protocol on the port).
            guard header.type == FrameType.settings, header.flags & Flag.ack == 0, header.streamID == 0, header.length % 6 == 0 else {
                var error = fail(.protocolError, "the server does not speak HTTP/2 (if it serves TLS, use tls:// or --tls)")
                error.notHTTP2 = true
                throw error
            }
        }
        guard header.length <= Self.maxFrameSize else {
            throw fail(.frameSizeError, "a frame of \(header.length) bytes (at most \(Self.maxFrameSize) were allowed)")
        }
        if headerBlock != nil, header.type != FrameType.continuation {
            throw fail(.protocolError, "a header block was interrupted by a frame of type \(header.type)")
        }
        if header.type == FrameType.data {
            guard header.streamID == Self.streamID else {
                throw fail(.protocolError, "DATA on stream \(header.streamID), which was never opened")
            }
            try receiveFlowControlled(header.length)
            if header.flags & Flag.padded == 0 {
                // Taken at once when the call is over: nothing reads it, the window still counts it.
                if streamClosed { taken(header.length) }
                reading = .data(remaining: header.length, endStream: header.flags & Flag.endStream != 0)
                return
            }
        }
        reading = .payload(header)
    }

    private mutating func receiveFlowControlled(_ length: Int) throws {
        receiveConnectionWindow -= length
        receiveStreamWindow -= length
        guard receiveConnectionWindow >= 0, receiveStreamWindow >= 0 else {
            throw fail(.flowControlError, "the server sent more than its flow-control window")
        }
    }

    /// Queues a GOAWAY for the server and makes the error that ends the connection.
    mutating func fail(_ code: ErrorCode, _ message: String) -> ConnectionError {
        writeGoAway(code: code)
        return ConnectionError(code: code, message: message)
    }
}
