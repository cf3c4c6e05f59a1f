import SwiftProtobuf

// The well-known types Hubble's messages use, read from the wire as `google/protobuf/*.proto`
// declares them.

extension Google_Protobuf_Timestamp: HubbleBinaryMessage {
    public mutating func decodeBinaryFields(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag {
            case 1 << 3: seconds = try reader.readInt64()
            case 2 << 3: nanos = try reader.readInt32()
            default: try reader.skip(wire: tag & 7)
            }
        }
    }
}

extension Google_Protobuf_BoolValue: HubbleBinaryMessage {
    public mutating func decodeBinaryFields(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            if tag == 1 << 3 { value = try reader.readBool() } else { try reader.skip(wire: tag & 7) }
        }
    }
}

extension Google_Protobuf_Int32Value: HubbleBinaryMessage {
    public mutating func decodeBinaryFields(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            if tag == 1 << 3 { value = try reader.readInt32() } else { try reader.skip(wire: tag & 7) }
        }
    }
}

extension Google_Protobuf_UInt32Value: HubbleBinaryMessage {
    public mutating func decodeBinaryFields(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            if tag == 1 << 3 { value = try reader.readUInt32() } else { try reader.skip(wire: tag & 7) }
        }
    }
}

extension Google_Protobuf_FieldMask: HubbleBinaryMessage {
    public mutating func decodeBinaryFields(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            if tag == 1 << 3 | 2 { paths.append(try reader.readString()) } else { try reader.skip(wire: tag & 7) }
        }
    }
}

extension Google_Protobuf_Any: HubbleBinaryMessage {
    public mutating func decodeBinaryFields(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag {
            case 1 << 3 | 2: typeURL = try reader.readString()
            case 2 << 3 | 2: value = try reader.readBytes()
            default: try reader.skip(wire: tag & 7)
            }
        }
    }
}

extension Google_Protobuf_Timestamp: HubbleBinaryEncodable {
    public func encodeBinary(to writer: inout ProtoWriter) {
        if seconds != 0 { writer.writeInt64Field(1 << 3, seconds) }
        if nanos != 0 { writer.writeInt32Field(2 << 3, nanos) }
    }
}

extension Google_Protobuf_BoolValue: HubbleBinaryEncodable {
    public func encodeBinary(to writer: inout ProtoWriter) {
        if value { writer.writeBoolField(1 << 3, value) }
    }
}

extension Google_Protobuf_Int32Value: HubbleBinaryEncodable {
    public func encodeBinary(to writer: inout ProtoWriter) {
        if value != 0 { writer.writeInt32Field(1 << 3, value) }
    }
}

extension Google_Protobuf_UInt32Value: HubbleBinaryEncodable {
    public func encodeBinary(to writer: inout ProtoWriter) {
        if value != 0 { writer.writeVarintField(1 << 3, UInt64(value)) }
    }
}

extension Google_Protobuf_FieldMask: HubbleBinaryEncodable {
    public func encodeBinary(to writer: inout ProtoWriter) {
        for path in paths { writer.writeStringField(1 << 3 | 2, path) }
    }
}

extension Google_Protobuf_Any: HubbleBinaryEncodable {
    public func encodeBinary(to writer: inout ProtoWriter) {
        if !typeURL.isEmpty { writer.writeStringField(1 << 3 | 2, typeURL) }
        if !value.isEmpty { writer.writeBytesField(2 << 3 | 2, value) }
    }
}
