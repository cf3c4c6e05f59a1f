import Foundation

/// Writes the protobuf binary wire format in one pass: a nested message is written in place after
/// a one-byte length, which is widened afterwards (moving the message) in the rare case it is 128
/// bytes or more. Output is canonical: what swift-protobuf or Go would write, field for field.
public struct ProtoWriter: ~Copyable {
    private var base: UnsafeMutableRawPointer
    private var count = 0
    private var capacity: Int

    public init(capacity: Int = 512) {
        self.capacity = max(capacity, 16)
        base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 1)
    }

    deinit { base.deallocate() }

    /// The bytes written so far.
    public var bytes: [UInt8] { [UInt8](UnsafeRawBufferPointer(start: base, count: count)) }

    /// The bytes written so far, lent for the call.
    public func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        let larger = max(capacity * 2, needed)
        let moved = UnsafeMutableRawPointer.allocate(byteCount: larger, alignment: 1)
        moved.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    @inline(__always)
    private mutating func append(_ source: UnsafeRawBufferPointer) {
        guard let address = source.baseAddress, source.count > 0 else { return }
        reserve(source.count)
        (base + count).copyMemory(from: address, byteCount: source.count)
        count += source.count
    }

    @inline(__always)
    public mutating func writeVarint(_ value: UInt64) {
        reserve(10)
        var value = value
        var at = base + count
        while value >= 0x80 {
            at.storeBytes(of: UInt8(truncatingIfNeeded: value) | 0x80, as: UInt8.self)
            at += 1
            value >>= 7
        }
        at.storeBytes(of: UInt8(value), as: UInt8.self)
        count = at - base + 1
    }

    /// A tag already combined with its wire type (`field << 3 | wire`).
    @inline(__always)
    public mutating func writeTag(_ tag: UInt32) { writeVarint(UInt64(tag)) }

    @inline(__always)
    public mutating func writeVarintField(_ tag: UInt32, _ value: UInt64) {
        writeTag(tag)
        writeVarint(value)
    }

    /// int32 and enums: negative values take ten bytes, sign-extended, as the format says.
    public mutating func writeInt32Field(_ tag: UInt32, _ value: Int32) { writeVarintField(tag, UInt64(bitPattern: Int64(value))) }
    public mutating func writeInt64Field(_ tag: UInt32, _ value: Int64) { writeVarintField(tag, UInt64(bitPattern: value)) }
    public mutating func writeEnumField(_ tag: UInt32, _ raw: Int) { writeVarintField(tag, UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: raw)))) }
    public mutating func writeBoolField(_ tag: UInt32, _ value: Bool) { writeVarintField(tag, value ? 1 : 0) }

    public mutating func writeSInt32Field(_ tag: UInt32, _ value: Int32) {
        writeVarintField(tag, UInt64(UInt32(bitPattern: (value << 1) ^ (value >> 31))))
    }

    public mutating func writeSInt64Field(_ tag: UInt32, _ value: Int64) {
        writeVarintField(tag, UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    public mutating func writeFixed32Field(_ tag: UInt32, _ value: UInt32) {
        writeTag(tag)
        withUnsafeBytes(of: value.littleEndian) { append($0) }
    }

    public mutating func writeFixed64Field(_ tag: UInt32, _ value: UInt64) {
        writeTag(tag)
        withUnsafeBytes(of: value.littleEndian) { append($0) }
    }

    public mutating func writeStringField(_ tag: UInt32, _ value: String) {
        writeTag(tag)
        var value = value
        value.withUTF8 { utf8 in
            writeVarint(UInt64(utf8.count))
            append(UnsafeRawBufferPointer(utf8))
        }
    }

    public mutating func writeBytesField(_ tag: UInt32, _ value: Data) {
        writeTag(tag)
        writeVarint(UInt64(value.count))
        value.withUnsafeBytes { append($0) }
    }

    /// A nested message, written by `body` after a one-byte length that is widened (the message
    /// moved) when it is 128 bytes or more.
    @inline(__always)
    public mutating func writeMessageField(_ tag: UInt32, _ body: (inout ProtoWriter) -> Void) {
        writeTag(tag)
        reserve(1)
        let lengthAt = count
        count += 1
        body(&self)
        let length = count - lengthAt - 1
        if length < 0x80 {
            base.storeBytes(of: UInt8(length), toByteOffset: lengthAt, as: UInt8.self)
            return
        }
        var width = 1
        var rest = length >> 7
        while rest > 0 {
            width += 1
            rest >>= 7
        }
        reserve(width - 1)
        (base + lengthAt + width).copyMemory(from: base + lengthAt + 1, byteCount: length)
        var value = UInt64(length)
        var at = base + lengthAt
        while value >= 0x80 {
            at.storeBytes(of: UInt8(truncatingIfNeeded: value) | 0x80, as: UInt8.self)
            at += 1
            value >>= 7
        }
        at.storeBytes(of: UInt8(value), as: UInt8.self)
        count += width - 1
    }

    /// A packed repeated number field (proto3's default for repeated scalars).
    public mutating func writePackedField<T>(_ tag: UInt32, _ values: [T], _ write: (inout ProtoWriter, T) -> Void) {
        guard !values.isEmpty else { return }
        writeMessageField(tag) { writer in
            for value in values { write(&writer, value) }
        }
    }
}

/// A message that writes itself with `ProtoWriter` (generated by `dev/generate-protos.sh`; the
/// well-known types by hand).
public protocol HubbleBinaryEncodable {
    func encodeBinary(to writer: inout ProtoWriter)
}

extension HubbleBinaryEncodable {
    /// The message's bytes.
    public func protoBytes(capacity: Int = 512) -> [UInt8] {
        var writer = ProtoWriter(capacity: capacity)
        encodeBinary(to: &writer)
        return writer.bytes
    }
}
