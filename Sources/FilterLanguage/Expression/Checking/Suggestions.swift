import FlowModel
import HubbleAPI

/// "Did you mean …?" by edit distance.
enum Suggestions {
    /// The candidate closest to `word`, when it is close enough to be a plausible typo.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let lower = word.lowercased()
        var best: (String, Int)? = nil
        for candidate in candidates {
            let distance = EditDistance.between(lower, candidate.lowercased())
            if distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        guard let (candidate, distance) = best else { return nil }
        let allowed = max(1, min(3, (lower.count + 2) / 4))
        if distance <= allowed { return candidate }
        // A prefix or a suffix that names exactly one candidate (`prot` → `port` already caught above;
        // `verdic` → `verdict`).
        let extending = candidates.filter { $0.lowercased().hasPrefix(lower) }
        return extending.count == 1 && lower.count >= 3 ? extending[0] : nil
    }
}
