import FlowModel
import HubbleAPI

/// Go's `strconv.ParseUint` (base 10, or base 0 with prefixes and `_` separators) and its error texts:
/// `strconv.ParseUint: parsing "x": invalid syntax`, `… value out of range`.
enum GoNumber {
    struct ParseError: Error, CustomStringConvertible {
        var input: String
        var outOfRange: Bool
        var description: String {
            "strconv.ParseUint: parsing \(GoQuote.quote(input)): \(outOfRange ? "value out of range" : "invalid syntax")"
        }
    }

    /// Decimal digits only.
    static func parseUnsigned(_ text: String, bits: Int) -> Result<UInt64, ParseError> {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            return .failure(ParseError(input: text, outOfRange: false))
        }
        let limit: UInt64 = bits >= 64 ? .max : (1 << UInt64(bits)) - 1
        var value: UInt64 = 0
        for digit in text.utf8 {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(digit - 48))
            if o1 || o2 || sum > limit { return .failure(ParseError(input: text, outOfRange: true)) }
            value = sum
        }
        return .success(value)
    }

    /// Go literal syntax (`ParseUint(s, 0, bits)`): `0x10`, `0o17`, `017`, `0b101`, `1_000`.
    static func parseLiteral(_ text: String, bits: Int) -> Result<UInt64, ParseError> {
        var body = Substring(text)
        var radix: UInt64 = 10
        let lower = text.lowercased()
        if lower.hasPrefix("0x") { radix = 16; body = body.dropFirst(2) }
        else if lower.hasPrefix("0o") { radix = 8; body = body.dropFirst(2) }
        else if lower.hasPrefix("0b") { radix = 2; body = body.dropFirst(2) }
        else if text.count > 1 && text.hasPrefix("0") { radix = 8; body = body.dropFirst(1) }
        let syntax = ParseError(input: text, outOfRange: false)
        // Underscores only between digits (or after a base prefix).
        if body.hasSuffix("_") || body.contains("__") || (radix == 10 && body.hasPrefix("_")) { return .failure(syntax) }
        let digits = body.filter { $0 != "_" }
        guard !digits.isEmpty || (radix == 8 && text == "0") else { return .failure(syntax) }
        let limit: UInt64 = bits >= 64 ? .max : (1 << UInt64(bits)) - 1
        var value: UInt64 = 0
        for c in digits {
            guard let d = c.hexDigitValue, UInt64(d) < radix else { return .failure(syntax) }
            let (times, o1) = value.multipliedReportingOverflow(by: radix)
            let (sum, o2) = times.addingReportingOverflow(UInt64(d))
            if o1 || o2 || sum > limit { return .failure(ParseError(input: text, outOfRange: true)) }
            value = sum
        }
        return .success(value)
    }
}
