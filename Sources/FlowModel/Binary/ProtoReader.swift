import Foundation

/// Reads the protobuf binary wire format from borrowed bytes, without copying them: tags, varints,
/// fixed-width numbers, length-delimited strings, bytes and nested messages. Generated decoders
/// (`HubbleBinaryMessage`) drive it field by field.
///
/// The format is as the protobuf encoding guide describes it
/// (https://protobuf.dev/programming-guides/encoding/): a tag is `field << 3 | wire type`, varints
/// are little-endian groups of 7 bits, at most 10 bytes.
public struct ProtoReader {
    /// The wire types of the format (groups, 3 and 4, are refused: proto3 never writes them).
    public enum WireType: UInt8, Sendable {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case fixed32 = 5
    }

    private let base: UnsafeRawPointer?
    private var position: Int
    private let end: Int

    public init(_ bytes: UnsafeRawBufferPointer) {
        base = bytes.baseAddress.map { UnsafeRawPointer($0) }
        position = 0
        end = bytes.count
    }

    private init(base: UnsafeRawPointer?, position: Int, end: Int) {
        self.base = base
        self.position = position
        self.end = end
    }

    public var isAtEnd: Bool { position >= end }

    /// The next field's tag (`number << 3 | wire type`), or nil at the end of the message.
    @inline(__always)
    public mutating func nextTag() throws(ProtoDecodingError) -> UInt32? {
        guard position < end else { return nil }
        let tag = try readVarint()
        guard tag >> 3 != 0, tag <= UInt64(UInt32.max) else { throw .malformed("field number 0", at: position) }
        return UInt32(truncatingIfNeeded: tag)
    }

    @inline(__always)
    public mutating func readVarint() throws(ProtoDecodingError) -> UInt64 {
        guard let base else { throw .truncated }
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < end {
            let byte = base.load(fromByteOffset: position, as: UInt8.self)
            position += 1
            if shift == 63 && byte > 1 { throw .malformed("varint overflows 64 bits", at: position) }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        throw .truncated
    }

    public mutating func readInt32() throws(ProtoDecodingError) -> Int32 { Int32(truncatingIfNeeded: try readVarint()) }
    public mutating func readInt64() throws(ProtoDecodingError) -> Int64 { Int64(bitPattern: try readVarint()) }
    public mutating func readUInt32() throws(ProtoDecodingError) -> UInt32 { UInt32(truncatingIfNeeded: try readVarint()) }
    public mutating func readUInt64() throws(ProtoDecodingError) -> UInt64 { try readVarint() }
    public mutating func readBool() throws(ProtoDecodingError) -> Bool { try readVarint() != 0 }

    public mutating func readSInt32() throws(ProtoDecodingError) -> Int32 {
        let raw = UInt32(truncatingIfNeeded: try readVarint())
        return Int32(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    public mutating func readSInt64() throws(ProtoDecodingError) -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    public mutating func readFixed32() throws(ProtoDecodingError) -> UInt32 {
        let bytes = try take(4)
        return UInt32(littleEndian: bytes.loadUnaligned(as: UInt32.self))
    }

    public mutating func readFixed64() throws(ProtoDecodingError) -> UInt64 {
        let bytes = try take(8)
        return UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
    }

    public mutating func readSFixed32() throws(ProtoDecodingError) -> Int32 { Int32(bitPattern: try readFixed32()) }
    public mutating func readSFixed64() throws(ProtoDecodingError) -> Int64 { Int64(bitPattern: try readFixed64()) }
    public mutating func readFloat() throws(ProtoDecodingError) -> Float { Float(bitPattern: try readFixed32()) }
    public mutating func readDouble() throws(ProtoDecodingError) -> Double { Double(bitPattern: try readFixed64()) }

    /// A string field. Bytes that are not UTF-8 are replaced (U+FFFD) rather than refused: the text
    /// is shown, never trusted.
    public mutating func readString() throws(ProtoDecodingError) -> String {
        let bytes = try readLengthDelimited()
        return String(decoding: bytes, as: UTF8.self)
    }

    public mutating func readBytes() throws(ProtoDecodingError) -> Data {
        Data(try readLengthDelimited())
    }

    /// An enum field: its number, kept even when the enum does not name it (proto3 enums are open).
    public mutating func readEnum<E: RawRepresentable>(_: E.Type) throws(ProtoDecodingError) -> E where E.RawValue == Int {
        let raw = Int(Int32(truncatingIfNeeded: try readVarint()))
        guard let value = E(rawValue: raw) else { throw .malformed("enum value \(raw)", at: position) }
        return value
    }

    /// A nested message.
    public mutating func readMessage<M: HubbleBinaryMessage>(_: M.Type) throws(ProtoDecodingError) -> M {
        var nested = try nestedReader()
        var message = M()
        try message.decodeBinaryFields(from: &nested)
        return message
    }

    /// A nested message merged into `message` (a field repeated on the wire merges, as protobuf says).
    public mutating func mergeMessage<M: HubbleBinaryMessage>(into message: inout M) throws(ProtoDecodingError) {
        var nested = try nestedReader()
        try message.decodeBinaryFields(from: &nested)
    }

    /// Appends the values of a repeated scalar field, packed (wire type 2) or one by one.
    public mutating func readRepeated<T>(
        _ wire: UInt32, into values: inout [T], _ read: (inout ProtoReader) throws(ProtoDecodingError) -> T
    ) throws(ProtoDecodingError) {
        guard wire == UInt32(WireType.lengthDelimited.rawValue) else {
            values.append(try read(&self))
            return
        }
        var packed = try nestedReader()
        while !packed.isAtEnd { values.append(try read(&packed)) }
    }

    /// Skips a field of wire type `wire` that the decoder does not read.
    public mutating func skip(wire: UInt32) throws(ProtoDecodingError) {
        switch wire {
        case 0: _ = try readVarint()
        case 1: _ = try take(8)
        case 2: _ = try readLengthDelimited()
        case 5: _ = try take(4)
        default: throw .malformed("wire type \(wire)", at: position)
        }
    }

    private mutating func nestedReader() throws(ProtoDecodingError) -> ProtoReader {
        let length = try readLength()
        let nested = ProtoReader(base: base, position: position, end: position + length)
        position += length
        return nested
    }

    private mutating func readLength() throws(ProtoDecodingError) -> Int {
        let length = try readVarint()
        guard length <= UInt64(end - position) else { throw .truncated }
        return Int(length)
    }

    private mutating func readLengthDelimited() throws(ProtoDecodingError) -> UnsafeRawBufferPointer {
        let length = try readLength()
        return try take(length)
    }

    private mutating func take(_ count: Int) throws(ProtoDecodingError) -> UnsafeRawBufferPointer {
        guard count <= end - position else { throw .truncated }
        guard let base else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let bytes = UnsafeRawBufferPointer(start: base + position, count: count)
        position += count
        return bytes
    }
}
