/// How many edits turn one word into another: for "did you mean" suggestions.
public enum EditDistance {
    /// Levenshtein distance with adjacent transpositions counted as one edit.
    public static func between(_ a: String, _ b: String) -> Int {
        between(a, b, limit: Int.max)!
    }

    /// The distance when it is at most `limit`, else nil, found without computing the rest: words
    /// whose lengths differ by more are not compared, and the comparison stops as soon as every
    /// alignment costs more. A suggestion needs only small distances, and a long word from a user
    /// (or an attacker) must not cost its length times every candidate's.
    public static func between(_ a: String, _ b: String, limit: Int) -> Int? {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        guard abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        var previousMinimum = 0
        for i in 1...a.count {
            current[0] = i
            var minimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
                minimum = min(minimum, current[j])
            }
            // Every later cell costs at least the least of this row, or the least of the row before
            // plus the transposition.
            if minimum > limit && previousMinimum >= limit { return nil }
            previousMinimum = minimum
            swap(&previousPrevious, &previous)
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
