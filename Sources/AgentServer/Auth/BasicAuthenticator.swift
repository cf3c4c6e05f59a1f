import Foundation

/// Decides whether an `authorization: Basic …` header names a user with the right password.
///
/// bcrypt is slow on purpose, so each answer is remembered (a bounded number of them) and one
/// hash is computed at a time: a client guessing passwords keeps one core busy, not all of them,
/// and a client that got in is not made to wait on every call. A user that does not exist costs
/// the same hash as one that does, so that the time taken does not tell which names exist.
public actor BasicAuthenticator {
    public enum Outcome: Sendable, Equatable {
        case accepted(user: String)
        case missing
        case malformed
        case rejected
    }

    private let users: BasicAuthUsers
    private var remembered: [String: Outcome] = [:]
    private let standIn: Bcrypt
    /// Answers remembered, at most; all are forgotten when there are more.
    static let rememberedLimit = 4_096

    public init(users: BasicAuthUsers) {
        self.users = users
        let cost = users.hashes.values.map(\.cost).max() ?? 10
        standIn = Bcrypt.hash(password: "", salt: [UInt8](repeating: 0x5A, count: 16), cost: cost)
    }

    /// The outcome for the value of an `authorization` header (nil when there is none).
    public func authenticate(_ header: String?) -> Outcome {
        guard let header else { return .missing }
        if let known = remembered[header] { return known }
        let outcome = decide(header)
        if remembered.count >= Self.rememberedLimit { remembered.removeAll(keepingCapacity: true) }
        remembered[header] = outcome
        return outcome
    }

    private func decide(_ header: String) -> Outcome {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
            let decoded = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
            let credentials = String(data: decoded, encoding: .utf8),
            let colon = credentials.firstIndex(of: ":")
        else { return .malformed }
        let user = String(credentials[..<colon])
        let password = String(credentials[credentials.index(after: colon)...])
        guard let hash = users.hashes[user] else {
            _ = standIn.verify(password)
            return .rejected
        }
        return hash.verify(password) ? .accepted(user: user) : .rejected
    }
}
