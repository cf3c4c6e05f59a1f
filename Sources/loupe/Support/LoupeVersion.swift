import BuildInfo

/// The version loupe reports.
enum LoupeVersion {
    static let number = BuildInfo.version
    /// What `--version` prints: the same line as `loupe version`.
    static let text = BuildInfo.text(program: "loupe")
}
