import FlowModel
import HubbleAPI

/// The nine TCP flags as bits, so that "every flag of the filter is set in the flow" is one AND.
struct TCPFlagMask: Hashable, Sendable {
    var bits: UInt16

    static let names = ["syn", "fin", "rst", "psh", "ack", "urg", "ece", "cwr", "ns"]

    init(bits: UInt16) { self.bits = bits }

    init(_ flags: Flow_TCPFlags) {
        var bits: UInt16 = 0
        if flags.syn { bits |= 1 << 0 }
        if flags.fin { bits |= 1 << 1 }
        if flags.rst { bits |= 1 << 2 }
        if flags.psh { bits |= 1 << 3 }
        if flags.ack { bits |= 1 << 4 }
        if flags.urg { bits |= 1 << 5 }
        if flags.ece { bits |= 1 << 6 }
        if flags.cwr { bits |= 1 << 7 }
        if flags.ns { bits |= 1 << 8 }
        self.bits = bits
    }

    /// The bit of a flag name (`syn` … `ns`, any case).
    static func bit(named name: String) -> UInt16? {
        names.firstIndex(of: name.lowercased()).map { 1 << UInt16($0) }
    }

    var flags: Flow_TCPFlags {
        var flags = Flow_TCPFlags()
        flags.syn = bits & 1 << 0 != 0
        flags.fin = bits & 1 << 1 != 0
        flags.rst = bits & 1 << 2 != 0
        flags.psh = bits & 1 << 3 != 0
        flags.ack = bits & 1 << 4 != 0
        flags.urg = bits & 1 << 5 != 0
        flags.ece = bits & 1 << 6 != 0
        flags.cwr = bits & 1 << 7 != 0
        flags.ns = bits & 1 << 8 != 0
        return flags
    }

    func contains(_ other: TCPFlagMask) -> Bool { bits & other.bits == other.bits }
}
