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
    private var count = 0

    public init() {}

    /// Skips the members called `names` (either spelling) of the message type that reads its members
    /// with `table` (its generated `jsonFieldTable`).
    public mutating func skip(_ names: [String], in table: JSONKeyTable) {
        var mask: UInt64 = 0
        for name in names {
            guard let field = table.lookup(Array(name.utf8)) else { preconditionFailure("no member \(name) in the table") }
            precondition(field < 64, "only the first 64 members of a message can be skipped")
            mask |= 1 << UInt64(field)
        }
        let key = table.identity
        switch key {
        case keys.0: masks.0 |= mask
        case keys.1: masks.1 |= mask
        case keys.2: masks.2 |= mask
        case keys.3: masks.3 |= mask
        default:
            switch count {
            case 0: (keys.0, masks.0) = (key, mask)
            case 1: (keys.1, masks.1) = (key, mask)
            case 2: (keys.2, masks.2) = (key, mask)
            case 3: (keys.3, masks.3) = (key, mask)
            default: preconditionFailure("a skip set holds at most four message types")
            }
            count += 1
        }
    }

    /// Whether member `field` of the message read with `table` is skipped.
    @inline(__always)
    func skips(_ field: Int, in table: JSONKeyTable) -> Bool {
        let key = table.identity
        let mask: UInt64 =
            key == keys.0 ? masks.0 : key == keys.1 ? masks.1 : key == keys.2 ? masks.2 : key == keys.3 ? masks.3 : 0
        return mask != 0 && field < 64 && mask & (1 << UInt64(field)) != 0
    }
}
