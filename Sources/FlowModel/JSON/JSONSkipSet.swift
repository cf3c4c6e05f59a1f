import HubbleAPI
/// Members that a reader skips instead of decoding, for readers that need only part of a message (the
/// compact format reads a fraction of a flow). Skipped members are still checked to be well-formed
/// JSON; the message simply leaves them unset.
///
/// Holds up to four message types, inline, so that checking a member costs a few compares and no
/// reference counting.
public struct JSONSkipSet: Sendable {
    private var keys: (Int, Int, Int, Int) = (0, 0, 0, 0)
    private var masks: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// Of the skipped members, those that hold a list of strings (the others hold one string).
    private var arrayMasks: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var count = 0

    /// What a skipped member holds: it is still checked to be that, so that a line that fails to
    /// decode in full fails here too (the same line is good or bad whatever the output).
    public enum Kind: Sendable {
        case string, strings
    }

    public init() {}

    /// Skips the members called `names` (either spelling) of the message type that reads its members
    /// with `table` (its generated `jsonFieldTable`).
    public mutating func skip(_ names: [String], in table: JSONKeyTable, as kind: Kind) {
        var mask: UInt64 = 0
        for name in names {
            guard let field = table.lookup(Array(name.utf8)) else { preconditionFailure("no member \(name) in the table") }
            precondition(field < 64, "only the first 64 members of a message can be skipped")
            mask |= 1 << UInt64(field)
        }
        let key = table.identity
        let arrays = kind == .strings ? mask : 0
        switch key {
        case keys.0 where count > 0: masks.0 |= mask; arrayMasks.0 |= arrays
        case keys.1 where count > 1: masks.1 |= mask; arrayMasks.1 |= arrays
        case keys.2 where count > 2: masks.2 |= mask; arrayMasks.2 |= arrays
        case keys.3 where count > 3: masks.3 |= mask; arrayMasks.3 |= arrays
        default:
            switch count {
            case 0: (keys.0, masks.0, arrayMasks.0) = (key, mask, arrays)
            case 1: (keys.1, masks.1, arrayMasks.1) = (key, mask, arrays)
            case 2: (keys.2, masks.2, arrayMasks.2) = (key, mask, arrays)
            case 3: (keys.3, masks.3, arrayMasks.3) = (key, mask, arrays)
            default: preconditionFailure("a skip set holds at most four message types")
            }
            count += 1
        }
    }

    /// What member `field` of the message read with `table` holds when it is skipped; nil when it
    /// is read.
    @inline(__always)
    func skipped(_ field: Int, in table: JSONKeyTable) -> Kind? {
        let key = table.identity
        let (mask, arrays): (UInt64, UInt64) =
            key == keys.0 ? (masks.0, arrayMasks.0) : key == keys.1 ? (masks.1, arrayMasks.1)
            : key == keys.2 ? (masks.2, arrayMasks.2) : key == keys.3 ? (masks.3, arrayMasks.3) : (0, 0)
        guard mask != 0, field < 64, mask & (1 << UInt64(field)) != 0 else { return nil }
        return arrays & (1 << UInt64(field)) != 0 ? .strings : .string
    }
}
