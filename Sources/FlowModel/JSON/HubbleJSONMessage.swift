import HubbleAPI
import SwiftProtobuf

/// A message that reads and writes the JSON of the reference hubble CLI: proto field names in
/// declaration order on output; proto or lowerCamel names, enum names or numbers, and 64-bit integers
/// as strings or numbers on input. Conformances for our messages are generated
/// (`dev/generate-protos.sh`); the well-known types are written by hand.
public protocol HubbleJSONMessage {
    init()
    /// Reads the members of an object whose `{` the reader has already consumed, up to its `}`.
    mutating func decodeJSONFields(from reader: inout JSONReader) throws(HubbleJSONError)
    /// Writes the message as one JSON value.
    func encodeJSON(to writer: inout JSONWriter)
    /// Reads the message's JSON value: an object, except for well-known types with a special form.
    static func decodeJSONValue(from reader: inout JSONReader) throws(HubbleJSONError) -> Self
}

extension HubbleJSONMessage {
    public static func decodeJSONValue(from reader: inout JSONReader) throws(HubbleJSONError) -> Self {
        try reader.readObject(Self.self)
    }
}

/// A proto enum whose JSON form is its value name, or its number when the value has no name.
public protocol HubbleJSONEnum {
    static var jsonNameTable: JSONKeyTable { get }
    var rawValue: Int { get }
    init?(rawValue: Int)
    /// The name of the value in the .proto file, `nil` for a number the file does not name.
    var protoName: String? { get }
}

extension HubbleJSONEnum {
    /// How Go prints the value with `%s`/`String()`: its name, or its decimal number.
    public var goName: String { protoName ?? String(rawValue) }
}

extension HubbleJSONMessage {
    /// Decodes one JSON object held in `bytes`; trailing white space is allowed, anything else is not.
    public init(jsonBytes bytes: UnsafeRawBufferPointer) throws(HubbleJSONError) {
        var reader = JSONReader(bytes)
        self = try reader.readMessage(Self.self)
        try reader.expectEnd()
    }

    /// Decodes one JSON object from a string.
    public init(jsonString: String) throws(HubbleJSONError) {
        var copy = jsonString
        let result: Result<Self, HubbleJSONError> = copy.withUTF8 { buffer in
            Result { () throws(HubbleJSONError) in try Self(jsonBytes: UnsafeRawBufferPointer(buffer)) }
        }
        self = try result.get()
    }

    /// The message as the reference CLI writes it, without a trailing newline.
    public func hubbleJSONString() -> String {
        var writer = JSONWriter()
        encodeJSON(to: &writer)
        return writer.text
    }
}
