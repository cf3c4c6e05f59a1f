import HubbleAPI
/// A CIDR prefix, parsed as Go's `netip.ParsePrefix` parses it.
public struct IPPrefix: Hashable, Sendable, CustomStringConvertible {
    public var address: IPAddress
    public var bits: Int

    public init(address: IPAddress, bits: Int) {
        self.address = address
        self.bits = bits
    }

    /// Whether `other` lies inside this prefix. Families never mix (an IPv4 prefix holds no IPv6 address).
    public func contains(_ other: IPAddress) -> Bool {
        guard other.isIPv4 == address.isIPv4 else { return false }
        if address.isIPv4 {
            guard bits > 0 else { return true }
            let shift = UInt64(32 - bits)
            return (other.low & 0xFFFF_FFFF) >> shift == (address.low & 0xFFFF_FFFF) >> shift
        }
        if bits == 0 { return true }
        if bits <= 64 {
            let shift = UInt64(64 - bits)
            return other.high >> shift == address.high >> shift
        }
        guard other.high == address.high else { return false }
        if bits == 128 { return other.low == address.low }
        let shift = UInt64(128 - bits)
        return other.low >> shift == address.low >> shift
    }

    /// Whether every address of `other` lies inside this prefix.
    public func contains(_ other: IPPrefix) -> Bool {
        other.bits >= bits && contains(other.address)
    }

    public var description: String { "\(address)/\(bits)" }

    /// `netip.ParsePrefix`'s error: `netip.ParsePrefix("1.2.3.0/33"): prefix length out of range`.
    public struct PrefixError: Error, Sendable, CustomStringConvertible {
        public var input: String
        public var message: String
        public var description: String { "netip.ParsePrefix(\(GoQuote.quote(input))): \(message)" }
    }

    public static func parse(_ text: String) -> IPPrefix? {
        try? parseReportingError(text).get()
    }

    public static func parseReportingError(_ text: String) -> Result<IPPrefix, PrefixError> {
        guard let slash = text.lastIndex(of: "/") else { return .failure(PrefixError(input: text, message: "no '/'")) }
        let address: IPAddress
        switch IPAddress.parseReportingError(String(text[..<slash])) {
        case .failure(let error): return .failure(PrefixError(input: text, message: error.description))
        case .success(let parsed): address = parsed
        }
        if !address.isIPv4 && address.hasZone {
            return .failure(PrefixError(input: text, message: "IPv6 zones cannot be present in a prefix"))
        }
        let bitsText = text[text.index(after: slash)...]
        let badBits = PrefixError(input: text, message: "bad bits after slash: \(GoQuote.quote(String(bitsText)))")
        if bitsText.count > 1, let first = bitsText.first, !("1"..."9").contains(first) { return .failure(badBits) }
        guard !bitsText.isEmpty, bitsText.allSatisfy({ $0.isASCII && $0.isNumber }), let bits = Int(bitsText) else {
            return .failure(badBits)
        }
        guard bits <= address.bitCount else { return .failure(PrefixError(input: text, message: "prefix length out of range")) }
        return .success(IPPrefix(address: address, bits: bits))
    }
}
