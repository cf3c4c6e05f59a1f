import FlowModel
import HubbleAPI

/// Enum values by their .proto names (`DROPPED`, `POLICY_DENIED`), as the reference's flags take them.
enum FlowEnums {
    static func value<E: HubbleJSONEnum>(_ type: E.Type, named name: String) -> E? {
        names(type)[name]
    }

    /// Every named value, by name.
    static func names<E: HubbleJSONEnum>(_ type: E.Type) -> [String: E] {
        var table: [String: E] = [:]
        for raw in 0..<1024 {
            if let value = E(rawValue: raw), let name = value.protoName { table[name] = value }
        }
        return table
    }

    /// The named values in number order.
    static func allNamed<E: HubbleJSONEnum>(_ type: E.Type) -> [(name: String, value: E)] {
        (0..<1024).compactMap { raw in
            guard let value = E(rawValue: raw), let name = value.protoName else { return nil }
            return (name, value)
        }
    }
}
