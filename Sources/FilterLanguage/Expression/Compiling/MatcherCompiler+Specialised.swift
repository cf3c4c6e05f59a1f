import FlowModel
import HubbleAPI

/// Closures for the atoms people write most, each reading its one field directly.
extension MatcherCompiler {
    static func specialised(_ atom: Atom) -> FlowTest? {
        switch (atom.field, atom.test) {
        case (.namespace(let side), .names(let matches)):
            guard let names = exactNames(matches) else { return nil }
            if names.count == 1 {
                let name = names[0]
                if side == .source { return { $0.sourceNamespaceIfSet == name } }
                return { $0.destinationNamespaceIfSet == name }
            }
            let set = Set(names)
            return { flow in flow.namespace(side).map { set.contains($0) } ?? false }
        case (.verdict, .enumValues(let values)):
            guard let mask = bitmask(values) else { return nil }
            return { inMask($0.verdict.rawValue, mask) }
        case (.direction, .enumValues(let values)):
            guard let mask = bitmask(values) else { return nil }
            return { inMask($0.trafficDirection.rawValue, mask) }
        case (.port(let side), .numbers(let set)):
            if set.ranges.count == 1 {
                let range = set.ranges[0]
                return { flow in flow.port(side).map { range.contains(UInt64($0)) } ?? false }
            }
            return { flow in flow.port(side).map { set.contains(UInt64($0)) } ?? false }
        case (.identity(let side), .numbers(let set)):
            return { flow in flow.identity(side).map { set.contains(UInt64($0)) } ?? false }
        case (.ip(let side), .addresses(let exact, let prefixes)):
            let texts = Set(exact.map(\.description))
            return { flow in
                guard let text = flow.address(side) else { return false }
                if texts.contains(text) { return true }
                guard let address = IPAddress.parse(text) else { return false }
                return exact.contains(address) || prefixes.contains { $0.contains(address) }
            }
        case (.reply, .bool(let wanted)):
            return { $0.isReplyIfSet == wanted }
        case (.encrypted, .bool(let wanted)):
            return { $0.encryptedValue == wanted }
        case (.tcpFlag(let bit), .bool(let wanted)):
            return { flow in (flow.tcpFlagsIfSet.map { TCPFlagMask($0).bits & bit != 0 } ?? false) == wanted }
        case (.eventType, .eventTypes(let filters)):
            if filters.count == 1 {
                let only = filters[0]
                return { flow in
                    guard let eventType = flow.eventTypeIfSet else { return false }
                    return (only.type == 0 || only.type == eventType.type) && (!only.matchSubType || only.subType == eventType.subType)
                }
            }
            return nil
        case (.proto, .protocols(let set)):
            return { flow in
                if let l4 = flow.l4ProtocolName, set.contains(l4) || (l4.hasPrefix("icmp") && set.contains("icmp")) { return true }
                if let l7 = flow.l7ProtocolName, set.contains(l7) { return true }
                return false
            }
        default:
            return nil
        }
    }

    /// The names of a test made only of exact, non-empty, unqualified names.
    private static func exactNames(_ matches: [NameMatch]) -> [String]? {
        guard matches.allSatisfy({ $0.qualifier == nil && $0.name.isExact && !$0.name.text.isEmpty }) else { return nil }
        return matches.map(\.name.text)
    }

    @inline(__always)
    private static func inMask(_ raw: Int, _ mask: UInt64) -> Bool {
        raw >= 0 && raw < 64 && mask & (1 << UInt64(raw)) != 0
    }

    /// Enum raw values below 64 as one word.
    private static func bitmask(_ values: Set<Int>) -> UInt64? {
        guard values.allSatisfy({ $0 >= 0 && $0 < 64 }) else { return nil }
        return values.reduce(0) { $0 | 1 << UInt64($1) }
    }
}
