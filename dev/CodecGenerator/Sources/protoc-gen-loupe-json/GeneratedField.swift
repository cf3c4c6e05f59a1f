import SwiftProtobufPluginLibrary

/// How generated code reaches one field of a message: its property, its `has` property, the oneof it
/// belongs to, and when a singular field differs from its default (proto3's implicit presence).
struct GeneratedField {
    /// `self.name`.
    let value: String
    /// `self.hasName` (messages only).
    let has: String
    /// The oneof's property and this field's case, when the field is in a oneof.
    let oneof: (property: String, caseName: String)?

    init(_ field: FieldDescriptor, namer: SwiftProtobufNamer) {
        let names = namer.messagePropertyNames(field: field, prefixed: "", includeHasAndClear: true)
        value = "self.\(names.name)"
        has = "self.\(names.has)"
        oneof = field.realContainingOneof.map { oneof in
            (namer.messagePropertyName(oneof: oneof).name, names.name.replacingOccurrences(of: "`", with: ""))
        }
    }

    /// The condition for writing a singular field outside a oneof. `negativeZeroIsSet`: a float of
    /// -0.0 is written (the binary format compares bits) or left out (JSON compares values).
    func isSet(_ field: FieldDescriptor, negativeZeroIsSet: Bool) -> String {
        switch field.type {
        case .message, .group: has
        case .string, .bytes: "!\(value).isEmpty"
        case .bool: value
        case .enum: "\(value).rawValue != 0"
        case .double where negativeZeroIsSet, .float where negativeZeroIsSet: "\(value).bitPattern != 0"
        default: "\(value) != 0"
        }
    }
}
