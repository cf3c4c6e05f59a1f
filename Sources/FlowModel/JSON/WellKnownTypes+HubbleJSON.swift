import HubbleAPI
import SwiftProtobuf

/// Well-known types have special JSON forms: a Timestamp is an RFC 3339 string, a wrapper its bare
/// value, a FieldMask a comma-separated string of lowerCamel paths, an Any an object with `@type`.
private func notAnObject(_ reader: JSONReader, _ type: String) -> HubbleJSONError {
    reader.error("\(type) is not written as an object")
}

extension Google_Protobuf_Timestamp: HubbleJSONMessage {
    public static func decodeJSONValue(from reader: inout JSONReader) throws(HubbleJSONError) -> Self {
        reader.skipWhitespace()
        let start = reader.position
        if let inPlace = try reader.readPlainStringInPlace(), let t = RFC3339.parse(inPlace), t.isValidTimestamp {
            return t
        }
        reader.position = start
        let text = try reader.readStringBytes()
        guard let t = text.withUnsafeBufferPointer({ RFC3339.parse($0) }) else {
            throw HubbleJSONError("invalid timestamp \"\(String(decoding: text, as: UTF8.self))\" (want RFC 3339)", at: start)
        }
        guard t.isValidTimestamp else {
            throw HubbleJSONError("timestamp out of range: \"\(String(decoding: text, as: UTF8.self))\"", at: start)
        }
        return t
    }

    public mutating func decodeJSONFields(from reader: inout JSONReader) throws(HubbleJSONError) {
        throw notAnObject(reader, "Timestamp")
    }

    public func encodeJSON(to writer: inout JSONWriter) {
        writer.timestamp(self)
    }
}

extension Google_Protobuf_BoolValue: HubbleJSONMessage {
    public static func decodeJSONValue(from reader: inout JSONReader) throws(HubbleJSONError) -> Self {
        Self(try reader.readBool())
    }

    public mutating func decodeJSONFields(from reader: inout JSONReader) throws(HubbleJSONError) {
        throw notAnObject(reader, "BoolValue")
    }

    public func encodeJSON(to writer: inout JSONWriter) { writer.bool(value) }
}

extension Google_Protobuf_Int32Value: HubbleJSONMessage {
    public static func decodeJSONValue(from reader: inout JSONReader) throws(HubbleJSONError) -> Self {
        Self(try reader.readInt32())
    }

    public mutating func decodeJSONFields(from reader: inout JSONReader) throws(HubbleJSONError) {
        throw notAnObject(reader, "Int32Value")
    }

    public func encodeJSON(to writer: inout JSONWriter) { writer.int32(value) }
}

extension Google_Protobuf_UInt32Value: HubbleJSONMessage {
    public static func decodeJSONValue(from reader: inout JSONReader) throws(HubbleJSONError) -> Self {
        Self(try reader.readUInt32())
    }

    public mutating func decodeJSONFields(from reader: inout JSONReader) throws(HubbleJSONError) {
        throw notAnObject(reader, "UInt32Value")
    }

    public func encodeJSON(to writer: inout JSONWriter) { writer.uint32(value) }
}

extension Google_Protobuf_FieldMask: HubbleJSONMessage {
    public static func decodeJSONValue(from reader: inout JSONReader) throws(HubbleJSONError) -> Self {
        let text = try reader.readString()
        var mask = Self()
        mask.paths = text.isEmpty ? [] : text.split(separator: ",").map { Self.snakeCase(String($0)) }
        return mask
    }

    public mutating func decodeJSONFields(from reader: inout JSONReader) throws(HubbleJSONError) {
        throw notAnObject(reader, "FieldMask")
    }

    public func encodeJSON(to writer: inout JSONWriter) {
        writer.string(paths.map(Self.lowerCamelCase).joined(separator: ","))
    }

    static func snakeCase(_ s: String) -> String {
        var out = ""
        for c in s {
            if c.isUppercase {
                out += "_" + c.lowercased()
            } else {
                out.append(c)
            }
        }
        return out
    }

    static func lowerCamelCase(_ s: String) -> String {
        var out = ""
        var upper = false
        for c in s {
            if c == "_" {
                upper = true
            } else {
                out += upper ? c.uppercased() : String(c)
                upper = false
            }
        }
        return out
    }
}

extension Google_Protobuf_Any: HubbleJSONMessage {
    /// Decodes through swift-protobuf, which resolves `@type` against the well-known types and the
    /// Hubble messages registered here. An unresolvable type makes the value invalid, as in the reference.
    public static func decodeJSONValue(from reader: inout JSONReader) throws(HubbleJSONError) -> Self {
        HubbleAnyRegistry.registerOnce()
        let start = reader.position
        let raw = try reader.captureValue()
        do {
            var options = JSONDecodingOptions()
            options.ignoreUnknownFields = false
            return try Self(jsonUTF8Bytes: raw, options: options)
        } catch {
            throw HubbleJSONError("cannot read google.protobuf.Any: \(error)", at: start)
        }
    }

    public mutating func decodeJSONFields(from reader: inout JSONReader) throws(HubbleJSONError) {
        throw notAnObject(reader, "Any")
    }

    public func encodeJSON(to writer: inout JSONWriter) {
        HubbleAnyRegistry.registerOnce()
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = true
        if let json = try? jsonUTF8Bytes(options: options) as [UInt8] {
            writer.raw(json)
        } else {
            writer.beginObject()
            writer.key("@type")
            writer.string(typeURL)
            writer.endObject()
        }
    }
}

/// Registers the Hubble messages with swift-protobuf so that `Any` values naming them resolve.
enum HubbleAnyRegistry {
    private static let registered: Bool = {
        let types: [any SwiftProtobuf.Message.Type] = [
            Flow_Flow.self, Flow_LostEvent.self, Flow_AgentEvent.self, Flow_DebugEvent.self, Flow_FlowFilter.self,
            Observer_GetFlowsRequest.self, Observer_GetFlowsResponse.self, Relay_NodeStatusEvent.self,
        ]
        for type in types { _ = Google_Protobuf_Any.register(messageType: type) }
        return true
    }()

    static func registerOnce() { _ = registered }
}
