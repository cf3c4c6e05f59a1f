import FlowModel
import HubbleAPI

/// "Did you mean …?" by edit distance.
enum Suggestions {
    /// The candidate closest to `word`, when it is close enough to be a plausible typo.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let lower = word.lowercased()
        let length = lower.unicodeScalars.count
        let allowed = max(1, min(3, (length + 2) / 4))
        var best: (String, Int)? = nil
        for candidate in candidates {
            // Lengths further apart than the edits allowed cannot be close: not compared at all.
            guard abs(candidate.unicodeScalars.count - length) <= allowed else { continue }
            guard let distance = EditDistance.between(lower, candidate.lowercased(), limit: allowed) else { continue }
            if distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        if let (candidate, _) = best { return candidate }
        // A prefix or a suffix that names exactly one candidate (`prot` → `port` already caught above;
        // `verdic` → `verdict`).
        let extending = candidates.filter { $0.lowercased().hasPrefix(lower) }
        return extending.count == 1 && lower.count >= 3 ? extending[0] : nil
    }
}
