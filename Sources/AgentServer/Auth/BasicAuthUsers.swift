import Foundation

/// The users an agent lets in, from a file of `user:bcrypt-hash` lines (as `htpasswd -nB user`
/// prints them); blank lines and lines starting with `#` are skipped.
public struct BasicAuthUsers: Sendable, Equatable {
    public private(set) var hashes: [String: Bcrypt]

    /// A line that cannot be read, with where it is.
    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    public init(hashes: [String: Bcrypt]) {
        self.hashes = hashes
    }

    /// Reads `text`, named `file` in messages.
    public init(text: String, file: String) throws(Invalid) {
        var hashes: [String: Bcrypt] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let place = "\(file):\(offset + 1)"
            guard let colon = trimmed.firstIndex(of: ":") else {
                throw Invalid(description: "\(place): expected user:bcrypt-hash (make one with: htpasswd -nB USER)")
            }
            let user = String(trimmed[..<colon])
            guard !user.isEmpty else { throw Invalid(description: "\(place): the user name is empty") }
            let hash: Bcrypt
            do {
                hash = try Bcrypt(String(trimmed[trimmed.index(after: colon)...]))
            } catch {
                throw Invalid(description: "\(place): user \"\(user)\": \(error.description)")
            }
            guard hashes[user] == nil else { throw Invalid(description: "\(place): user \"\(user)\" is given twice") }
            hashes[user] = hash
        }
        guard !hashes.isEmpty else { throw Invalid(description: "\(file): no users (one user:bcrypt-hash per line)") }
        self.hashes = hashes
    }

    /// Reads the file at `path`.
    public static func load(_ path: String) throws(Invalid) -> BasicAuthUsers {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Invalid(description: "cannot read \(path): no such file or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw Invalid(description: "\(path): not UTF-8 text") }
        return try BasicAuthUsers(text: text, file: path)
    }
}
