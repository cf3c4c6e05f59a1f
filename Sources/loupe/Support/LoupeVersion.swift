/// The version loupe reports.
enum LoupeVersion {
    static let number = "0.1.0"
    static let text = number
}
