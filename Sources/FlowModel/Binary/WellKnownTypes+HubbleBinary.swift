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
