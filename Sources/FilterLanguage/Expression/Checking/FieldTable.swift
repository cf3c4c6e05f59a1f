/// The field catalogue as `loupe filter fields` prints it: one row per field, either-side fields once
/// as `[src.|dst.]name`.
public enum FieldTable {
    public static func render() -> String {
        var rows: [[String]] = [["FIELD", "TYPE", "EXAMPLE", "MEANING"]]
        for spec in FieldCatalogue.all where !(spec.name.hasPrefix("src.") || spec.name.hasPrefix("dst.")) {
            let name = spec.isEitherSide ? "[src.|dst.]" + spec.name : spec.name
            let suffix = " (source or destination)"
            let meaning = spec.isEitherSide && spec.summary.hasSuffix(suffix)
                ? spec.summary.dropLast(suffix.count) + "; either side unless pinned" : spec.summary
            rows.append([name, typeName(spec.type), spec.example, meaning])
        }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var out = ""
        for row in rows {
            for column in 0..<3 { out += row[column] + String(repeating: " ", count: widths[column] - row[column].count + 2) }
            out += row[3] + "\n"
        }
        out += """

            Operators: == != < <= > >= (numbers, time), ~ !~ (RE2 regular expressions), in {a, b, lo..hi}, has(field).
            Combine with and (&&), or (||), not (!) and parentheses. Absent data compares false; a != b is not (a == b).
            Either-side fields match when the source or the destination does; src.ns != dst.ns compares two fields.

            """
        return out
    }

    static func typeName(_ type: FieldType) -> String {
        switch type {
        case .number(let max) where max == 65535: "port (0-65535)"
        case .number(let max) where max == UInt64(UInt32.max): "uint32"
        case .number: "uint64"
        case .identity: "identity (uint32 or name)"
        case .verdict, .dropReason, .direction, .proto, .eventType, .ipVersion: "enum"
        default: type.displayName
        }
    }
}
