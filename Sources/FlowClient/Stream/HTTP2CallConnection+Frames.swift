import NIOCore
import NIOHPACK

extension HTTP2CallConnection {
    /// Frame types and flags (RFC 9113 §6).
    enum FrameType {
        static let data: UInt8 = 0x0
        static let headers: UInt8 = 0x1
        static let priority: UInt8 = 0x2
        static let rstStream: UInt8 = 0x3
        static let settings: UInt8 = 0x4
        static let pushPromise: UInt8 = 0x5
        static let ping: UInt8 = 0x6
        static let goAway: UInt8 = 0x7
        static let windowUpdate: UInt8 = 0x8
        static let continuation: UInt8 = 0x9
    }

    enum Flag {
        static let endStream: UInt8 = 0x1
        static let ack: UInt8 = 0x1
        static let endHeaders: UInt8 = 0x4
        static let padded: UInt8 = 0x8
        static let priority: UInt8 = 0x20
    }

    /// A whole frame other than unpadded DATA.
    mutating func handle(_ header: FrameHeader, payload: ByteBuffer, _ event: (Event) throws -> Void) throws {
        var payload = payload
        switch header.type {
        case FrameType.data:
            let padding = try stripPadding(header, &payload)
            taken(padding)
            if !streamClosed, payload.readableBytes > 0 { try event(.data(payload)) } else { taken(payload.readableBytes) }
            if header.flags & Flag.endStream != 0, !streamClosed {
                streamClosed = true
                try event(.dataEnded)
            }
        case FrameType.headers:
            guard header.streamID == Self.streamID else {
                throw fail(.protocolError, "HEADERS on stream \(header.streamID), which was never opened")
            }
            _ = try stripPadding(header, &payload)
            if header.flags & Flag.priority != 0 {
                guard payload.readableBytes >= 5 else { throw fail(.frameSizeError, "a HEADERS frame too short for its priority") }
                payload.moveReaderIndex(forwardBy: 5)
            }
            headerBlock = (payload, header.flags & Flag.endStream != 0)
            if header.flags & Flag.endHeaders != 0 { try endHeaderBlock(event) }
        case FrameType.continuation:
            guard var block = headerBlock, header.streamID == Self.streamID else {
                throw fail(.protocolError, "a CONTINUATION frame without a header block before it")
            }
            block.buffer.writeBuffer(&payload)
            guard block.buffer.readableBytes <= Self.maxHeaderListSize * 2 else {
                throw fail(.protocolError, "a header block of over \(Self.maxHeaderListSize * 2) bytes")
            }
            headerBlock = block
            if header.flags & Flag.endHeaders != 0 { try endHeaderBlock(event) }
        case FrameType.settings:
            try receiveSettings(header, payload, event)
        case FrameType.ping:
            guard header.length == 8, header.streamID == 0 else { throw fail(.frameSizeError, "a PING frame of \(header.length) bytes") }
            if header.flags & Flag.ack == 0 { writeFrame(type: FrameType.ping, flags: Flag.ack, streamID: 0, payload: payload) }
        case FrameType.rstStream:
            guard header.length == 4 else { throw fail(.frameSizeError, "an RST_STREAM frame of \(header.length) bytes") }
            guard header.streamID == Self.streamID, !streamClosed else { return }
            streamClosed = true
            try event(.reset(ErrorCode(value: payload.readInteger(as: UInt32.self)!)))
        case FrameType.goAway:
            guard header.length >= 8 else { throw fail(.frameSizeError, "a GOAWAY frame of \(header.length) bytes") }
            let last = payload.readInteger(as: UInt32.self)! & 0x7FFF_FFFF
            let code = ErrorCode(value: payload.readInteger(as: UInt32.self)!)
            let debug = payload.readString(length: min(payload.readableBytes, 256)) ?? ""
            try event(.goAway(lastStreamID: last, code: code, debug: debug))
        case FrameType.windowUpdate:
            guard header.length == 4 else { throw fail(.frameSizeError, "a WINDOW_UPDATE frame of \(header.length) bytes") }
            let increment = Int(payload.readInteger(as: UInt32.self)! & 0x7FFF_FFFF)
            if header.streamID == 0 {
                sendConnectionWindow += increment
            } else if header.streamID == Self.streamID {
                sendStreamWindow += increment
            }
            guard sendConnectionWindow <= Int(Int32.max), sendStreamWindow <= Int(Int32.max) else {
                throw fail(.flowControlError, "a window grown past 2^31-1")
            }
            sendRequest()
        case FrameType.pushPromise:
            throw fail(.protocolError, "a PUSH_PROMISE, though push was disabled")
        default:
            // PRIORITY, and types this side does not know: ignored (§5.5).
            break
        }
    }

    /// Removes a frame's padding (§6.1): returns how many bytes of it the frame carried.
    private mutating func stripPadding(_ header: FrameHeader, _ payload: inout ByteBuffer) throws -> Int {
        guard header.flags & Flag.padded != 0 else { return 0 }
        guard let length = payload.readInteger(as: UInt8.self), Int(length) <= payload.readableBytes else {
            throw fail(.protocolError, "a frame's padding is longer than the frame")
        }
        payload = payload.getSlice(at: payload.readerIndex, length: payload.readableBytes - Int(length))!
        return Int(length) + 1
    }

    private mutating func endHeaderBlock(_ event: (Event) throws -> Void) throws {
        guard var block = headerBlock?.buffer, let endStream = headerBlock?.endStream else { return }
        headerBlock = nil
        let headers: HPACKHeaders
        do {
            headers = try decoder.decodeHeaders(from: &block)
        } catch {
            throw fail(.compressionError, "cannot decode the server's headers: \(error)")
        }
        guard !streamClosed else { return }
        if endStream { streamClosed = true }
        try event(.headers(headers, endStream: endStream))
    }

    private mutating func receiveSettings(_ header: FrameHeader, _ payload: ByteBuffer, _ event: (Event) throws -> Void) throws {
        guard header.streamID == 0 else { throw fail(.protocolError, "SETTINGS on stream \(header.streamID)") }
        if header.flags & Flag.ack != 0 {
            guard header.length == 0 else { throw fail(.frameSizeError, "a SETTINGS acknowledgement with a payload") }
            return
        }
        guard header.length % 6 == 0 else { throw fail(.frameSizeError, "a SETTINGS frame of \(header.length) bytes") }
        let preface = !sawSettings
        sawSettings = true
        var payload = payload
        while let identifier = payload.readInteger(as: UInt16.self), let value = payload.readInteger(as: UInt32.self) {
            switch identifier {
            case 0x4:
                // §6.9.2: a new initial window size changes the open stream's window by the difference.
                guard value <= UInt32(Int32.max) else { throw fail(.flowControlError, "an initial window size of \(value)") }
                sendStreamWindow += Int(value) - peerInitialWindow
                guard sendStreamWindow <= Int(Int32.max) else { throw fail(.flowControlError, "a window grown past 2^31-1") }
                peerInitialWindow = Int(value)
            case 0x5:
                guard (16_384...16_777_215).contains(value) else { throw fail(.protocolError, "a maximum frame size of \(value)") }
                peerMaxFrameSize = Int(value)
            default:
                // The header table size matters to an encoder that sends more than one block; this
                // side sent its only one with the default table. The others bound what this side
                // sends: one stream, no push.
                break
            }
        }
        writeFrame(type: FrameType.settings, flags: Flag.ack, streamID: 0, payload: nil)
        sendRequest()
        if preface { try event(.prefaceReceived) }
    }

    /// Sends as much of the request's message as the server's windows allow, the last frame ending
    /// the stream.
    mutating func sendRequest() {
        // Nothing more is sent on a stream that closed (the server answered or reset it early).
        guard !streamClosed else {
            request.clear()
            return
        }
        while request.readableBytes > 0 {
            let count = min(request.readableBytes, sendConnectionWindow, sendStreamWindow, peerMaxFrameSize)
            guard count > 0 else { return }
            let chunk = request.readSlice(length: count)!
            sendConnectionWindow -= count
            sendStreamWindow -= count
            let last = request.readableBytes == 0
            writeFrame(type: FrameType.data, flags: last ? Flag.endStream : 0, streamID: Self.streamID, payload: chunk)
        }
    }

    /// The request's header block, in HEADERS and as many CONTINUATION frames as the server's
    /// (initial, smallest allowed) frame size needs.
    mutating func writeHeaderBlock(_ block: ByteBuffer) {
        var block = block
        var type = FrameType.headers
        repeat {
            let chunk = block.readSlice(length: min(block.readableBytes, 16_384))!
            writeFrame(type: type, flags: block.readableBytes == 0 ? Flag.endHeaders : 0, streamID: Self.streamID, payload: chunk)
            type = FrameType.continuation
        } while block.readableBytes > 0
    }

    mutating func writeSettings(_ settings: [(UInt16, UInt32)]) {
        writeFrameHeader(length: settings.count * 6, type: FrameType.settings, flags: 0, streamID: 0)
        for (identifier, value) in settings {
            outbound.writeInteger(identifier)
            outbound.writeInteger(value)
        }
    }

    mutating func writeWindowUpdate(streamID: UInt32, increment: Int) {
        writeFrameHeader(length: 4, type: FrameType.windowUpdate, flags: 0, streamID: streamID)
        outbound.writeInteger(UInt32(increment))
    }

    mutating func writeGoAway(code: ErrorCode) {
        writeFrameHeader(length: 8, type: FrameType.goAway, flags: 0, streamID: 0)
        outbound.writeInteger(UInt32(0))
        outbound.writeInteger(code.value)
    }

    /// RST_STREAM(CANCEL) for the call, when the reader leaves before its end.
    mutating func cancel() {
        guard !streamClosed else { return }
        streamClosed = true
        writeFrameHeader(length: 4, type: FrameType.rstStream, flags: 0, streamID: Self.streamID)
        outbound.writeInteger(ErrorCode.cancel.value)
    }

    private mutating func writeFrame(type: UInt8, flags: UInt8, streamID: UInt32, payload: ByteBuffer?) {
        writeFrameHeader(length: payload?.readableBytes ?? 0, type: type, flags: flags, streamID: streamID)
        if var payload { outbound.writeBuffer(&payload) }
    }

    private mutating func writeFrameHeader(length: Int, type: UInt8, flags: UInt8, streamID: UInt32) {
        outbound.writeInteger(UInt8(truncatingIfNeeded: length >> 16))
        outbound.writeInteger(UInt16(truncatingIfNeeded: length))
        outbound.writeInteger(type)
        outbound.writeInteger(flags)
        outbound.writeInteger(streamID)
    }
}
