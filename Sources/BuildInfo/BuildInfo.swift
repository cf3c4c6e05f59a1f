import Foundation

/// What a build of loupe is: its version, the git revision it was built from (when known), the
/// Swift compiler and the platform, as `--version` and `version` print them.
public enum BuildInfo {
    public static let version = "0.1.0"

    /// `Swift 6.3`: the language version of the compiler that built this program.
    public static var swiftVersion: String {
        #if compiler(>=6.4)
        "Swift 6.4+"
        #elseif compiler(>=6.3)
        "Swift 6.3"
        #elseif compiler(>=6.2)
        "Swift 6.2"
        #elseif compiler(>=6.1)
        "Swift 6.1"
        #else
        "Swift 6.0"
        #endif
    }

    /// `Linux x86_64`.
    public static var platform: String {
        var names = utsname()
        uname(&names)
        let field = { (value: Any) -> String in
            Mirror(reflecting: value).children.compactMap { $0.value as? CChar }.prefix { $0 != 0 }
                .map { String(UnicodeScalar(UInt8(bitPattern: $0))) }.joined()
        }
        return "\(field(names.sysname)) \(field(names.machine))"
    }

    /// The revision the program was built from: written by `dev/install.sh` beside an installed
    /// program (`PREFIX/share/loupe/revision`), or read from the checkout a program runs from.
    public static func revision(executable: String = CommandLine.arguments[0]) -> String? {
        let program = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
        let directory = program.deletingLastPathComponent()
        let installed = directory.deletingLastPathComponent().appendingPathComponent("share/loupe/revision")
        if let text = try? String(contentsOf: installed, encoding: .utf8) {
            let revision = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !revision.isEmpty { return revision }
        }
        var candidate = directory
        for _ in 0..<6 {
            let git = candidate.appendingPathComponent(".git")
            if let revision = checkoutRevision(git) { return revision }
            candidate = candidate.deletingLastPathComponent()
        }
        return nil
    }

    /// The commit `HEAD` names in a `.git` directory, shortened to 12 digits.
    static func checkoutRevision(_ git: URL) -> String? {
        guard let head = try? String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8) else { return nil }
        let line = head.trimmingCharacters(in: .whitespacesAndNewlines)
        guard line.hasPrefix("ref: ") else { return short(line) }
        let reference = String(line.dropFirst(5))
        if let loose = try? String(contentsOf: git.appendingPathComponent(reference), encoding: .utf8) {
            return short(loose.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let packed = (try? String(contentsOf: git.appendingPathComponent("packed-refs"), encoding: .utf8)) ?? ""
        for entry in packed.split(separator: "\n") where entry.hasSuffix(" " + reference) {
            return short(String(entry.prefix { $0 != " " }))
        }
        return nil
    }

    private static func short(_ hash: String) -> String? {
        guard hash.count >= 12, hash.allSatisfy(\.isHexDigit) else { return nil }
        return String(hash.prefix(12))
    }

    /// `loupe 0.1.0 (git 0123456789ab) Swift 6.3 Linux x86_64`.
    public static func text(program: String) -> String {
        var parts = ["\(program) \(version)"]
        if let revision = revision() { parts.append("(git \(revision))") }
        parts.append(swiftVersion)
        parts.append(platform)
        return parts.joined(separator: " ")
    }
}
