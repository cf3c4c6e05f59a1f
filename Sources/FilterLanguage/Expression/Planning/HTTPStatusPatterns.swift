/// HTTP status sets as Hubble's `http_status_code` values: `404`, or the prefixes `5+` (500–599) and
/// `40+` (400–409).
enum HTTPStatusPatterns {
    /// The fewest values that select exactly `set`, or `nil` when a code lies outside 100–599 or more
    /// than `limit` values would be needed.
    static func patterns(for set: NumberSet, limit: Int) -> [String]? {
        var out: [String] = []
        for range in set.ranges {
            guard range.lowerBound >= 100, range.upperBound <= 599 else { return nil }
            var code = range.lowerBound
            while code <= range.upperBound {
                if code % 100 == 0 && code + 99 <= range.upperBound {
                    out.append("\(code / 100)+")
                    code += 100
                } else if code % 10 == 0 && code + 9 <= range.upperBound {
                    out.append("\(code / 10)+")
                    code += 10
                } else {
                    out.append(String(code))
                    code += 1
                }
                if out.count > limit { return nil }
            }
        }
        return out
    }
}
