import Foundation

/// Finds the fixture corpora: `$LOUPE_FIXTURES`, else the copy in the repository (`Tests/Fixtures`,
/// which `.ci/run` checks against `../shared/fixtures` when that is beside the checkout).
public enum Fixtures {
    public struct Missing: Error, CustomStringConvertible {
        public var description: String
    }

    /// The package root; a relative `LOUPE_FIXTURES` is taken from here.
    public static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    public static var root: URL? {
        if let env = ProcessInfo.processInfo.environment["LOUPE_FIXTURES"], !env.isEmpty {
            return env.hasPrefix("/") ? URL(fileURLWithPath: env) : checkout.appendingPathComponent(env)
        }
        let copy = checkout.appendingPathComponent("Tests/Fixtures")
        return FileManager.default.fileExists(atPath: copy.path) ? copy : nil
    }

    public static func corpus(_ name: String) throws -> URL {
        guard let root else { throw Missing(description: "fixtures not found: set LOUPE_FIXTURES") }
        let dir = root.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: dir.path) else {
            throw Missing(description: "fixture folder \(dir.path) is missing")
        }
        return dir
    }

    public static func lines(_ url: URL) throws -> [String] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
