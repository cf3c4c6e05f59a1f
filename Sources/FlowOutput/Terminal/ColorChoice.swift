#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--color auto|always|never`, decided as the reference CLI decides it.
public enum ColorChoice {
    /// `always` → on; `never` → off; `auto` and anything else → on when `NO_COLOR` is unset or empty,
    /// `TERM` is not `dumb` and standard output is a terminal.
    public static func resolve(_ value: String, environment: [String: String], stdoutIsTerminal: Bool) -> Bool {
        switch value.lowercased() {
        case "always": return true
        case "never": return false
        default:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return stdoutIsTerminal
        }
    }

    /// Whether standard output is a terminal.
    public static var stdoutIsTerminal: Bool { isatty(1) == 1 }
}
