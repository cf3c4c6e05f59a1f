import HubbleAPI
import SwiftProtobuf

/// A message that a `google.protobuf.FieldMask` can select fields of: what each proto field name is,
/// and a copy that keeps only the selected fields. The conformances of the Hubble messages are
/// generated from the `.proto` files.
public protocol HubbleFieldMaskable: SendableMetatype {
    init()
    /// The field with this proto name, if the message has one.
    static func maskField(named name: Substring) -> FieldMaskField?
    /// A copy with only the selected fields; every message on the way to a selected sub-path is
    /// present, even when the original lacks it.
    func masked(by node: FieldMaskNode) -> Self
}

/// A field as a mask path sees it: its position in the message's declaration order and whether a
/// path may descend through it.
public struct FieldMaskField: Sendable {
    public enum Kind: Sendable {
        case scalar
        /// Repeated fields and maps: selectable as a whole, never descended through.
        case repeated
        case message(any HubbleFieldMaskable.Type)
    }

    public var index: Int
    public var kind: Kind

    public init(index: Int, kind: Kind) {
        self.index = index
        self.kind = kind
    }
}

/// The selected fields of one message level: each selected field, and for a field selected only in
/// part, the selection inside it.
public struct FieldMaskNode: Sendable, Equatable {
    public struct Selection: Sendable, Equatable {
        public var field: Int
        /// `nil` when the whole field is selected.
        public var child: FieldMaskNode?
    }

    public var selections: [Selection] = [] {
        didSet { selectedFields = selections.reduce(0) { $0 | (1 << UInt64($1.field)) } }
    }
    /// Bit `i` is set when the field at declaration index `i` is selected (every Hubble message has
    /// fewer than 64 fields): what an encoder tests field by field.
    public private(set) var selectedFields: UInt64 = 0

    public init() {}

    /// The selection inside field `index`, when it is selected only in part.
    public func child(_ index: Int) -> FieldMaskNode? {
        selections.first { $0.field == index }?.child
    }
}

/// A message that writes only the fields a mask selects, as `masked(by:)` followed by
/// `encodeBinary(to:)` would, without building the masked copy (generated for the flow messages).
public protocol HubbleMaskedBinaryEncodable: HubbleBinaryEncodable {
    func encodeBinary(to writer: inout ProtoWriter, mask: FieldMaskNode)
}

extension Google_Protobuf_Timestamp: HubbleFieldMaskable {
    public static func maskField(named name: Substring) -> FieldMaskField? {
        switch name {
        case "seconds": FieldMaskField(index: 0, kind: .scalar)
        case "nanos": FieldMaskField(index: 1, kind: .scalar)
        default: nil
        }
    }

    public func masked(by node: FieldMaskNode) -> Self {
        var out = Self()
        for selection in node.selections {
            if selection.field == 0 { out.seconds = seconds } else { out.nanos = nanos }
        }
        return out
    }
}

extension Google_Protobuf_Any: HubbleFieldMaskable {
    public static func maskField(named name: Substring) -> FieldMaskField? {
        switch name {
        case "type_url": FieldMaskField(index: 0, kind: .scalar)
        case "value": FieldMaskField(index: 1, kind: .scalar)
        default: nil
        }
    }

    public func masked(by node: FieldMaskNode) -> Self {
        var out = Self()
        for selection in node.selections {
            if selection.field == 0 { out.typeURL = typeURL } else { out.value = value }
        }
        return out
    }
}

/// `google.protobuf` wrappers: one field, `value`.
public protocol WrapperFieldMaskable: HubbleFieldMaskable {
    associatedtype Wrapped
    var value: Wrapped { get set }
}

extension WrapperFieldMaskable {
    public static func maskField(named name: Substring) -> FieldMaskField? {
        name == "value" ? FieldMaskField(index: 0, kind: .scalar) : nil
    }

    public func masked(by node: FieldMaskNode) -> Self {
        var out = Self()
        if !node.selections.isEmpty { out.value = value }
        return out
    }
}

extension Google_Protobuf_BoolValue: WrapperFieldMaskable {}
extension Google_Protobuf_UInt32Value: WrapperFieldMaskable {}
extension Google_Protobuf_Int32Value: WrapperFieldMaskable {}
extension Google_Protobuf_UInt64Value: WrapperFieldMaskable {}
extension Google_Protobuf_Int64Value: WrapperFieldMaskable {}
extension Google_Protobuf_StringValue: WrapperFieldMaskable {}
