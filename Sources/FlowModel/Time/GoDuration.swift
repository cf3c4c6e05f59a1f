import HubbleAPI
/// Go's `time.ParseDuration`, in nanoseconds.
public enum GoDuration {
    public static func parse(_ text: String) -> Int64? {
        var s = Substring(text)
        var negative = false
        if let first = s.first, first == "-" || first == "+" {
            negative = first == "-"
            s = s.dropFirst()
        }
        if s == "0" { return 0 }
        if s.isEmpty { return nil }
        var total: Double = 0
        while !s.isEmpty {
            let number = s.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", number.filter({ $0 == "." }).count <= 1, let value = Double(number) else {
                return nil
            }
            s = s.dropFirst(number.count)
            let unit = s.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            s = s.dropFirst(unit.count)
            let scale: Double
            switch unit {
            case "ns": scale = 1
            case "us", "µs", "μs": scale = 1e3
            case "ms": scale = 1e6
            case "s": scale = 1e9
            case "m": scale = 60e9
            case "h": scale = 3600e9
            default: return nil
            }
            total += value * scale
        }
        guard total < 9.2e18 else { return nil }
        return Int64(negative ? -total : total)
    }
}

extension GoDuration {
    /// `nanoseconds` as Go's `time.Duration.String()` writes it: `0s`, `750ns`, `1.5µs`, `20.5ms`,
    /// `20.540459156s`, `1m40s`, `1h0m5s`. Beyond Go's duration range, the nanoseconds and `ns`.
    public static func string(nanoseconds: UInt64) -> String {
        if nanoseconds > UInt64(Int64.max) { return "\(nanoseconds)ns" }
        if nanoseconds == 0 { return "0s" }
        if nanoseconds < 1_000 { return "\(nanoseconds)ns" }
        if nanoseconds < 1_000_000 { return fraction(nanoseconds, digits: 3) + "µs" }
        if nanoseconds < 1_000_000_000 { return fraction(nanoseconds, digits: 6) + "ms" }
        let seconds = nanoseconds / 1_000_000_000
        var text = fraction(seconds % 60 * 1_000_000_000 + nanoseconds % 1_000_000_000, digits: 9) + "s"
        let minutes = seconds / 60
        if minutes > 0 {
            text = "\(minutes % 60)m" + text
            if minutes >= 60 { text = "\(minutes / 60)h" + text }
        }
        return text
    }

    /// `value / 10^digits` with its fraction, trailing zeros (and a bare point) left out.
    private static func fraction(_ value: UInt64, digits: Int) -> String {
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        var text = "\(value / scale)"
        let rest = value % scale
        guard rest > 0 else { return text }
        var fractionDigits = String(rest)
        fractionDigits = String(repeating: "0", count: digits - fractionDigits.count) + fractionDigits
        while fractionDigits.hasSuffix("0") { fractionDigits.removeLast() }
        text += "." + fractionDigits
        return text
    }
}
