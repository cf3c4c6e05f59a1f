import FilterLanguage
import FuzzerDriver

/// A regular expression (the first line, RE2 syntax as Hubble's filters take it) and a text to
/// match (the rest). Checked beyond "no crash": the match takes at most (text length + 1) × program
/// size steps, the linear bound the engine promises.
func fuzzRegex(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let newline = bytes.firstIndex(of: 0x0A) ?? size
    let pattern = String(decoding: bytes[0..<newline], as: UTF8.self)
    let text = newline < size ? String(decoding: bytes[(newline + 1)...], as: UTF8.self) : ""
    guard let regex = try? FlowRegex(pattern) else { return 0 }
    var steps = 0
    _ = regex.matches(text, steps: &steps)
    let bound = (text.unicodeScalars.count + 1) * regex.programSize
    guard steps <= bound else { fatalError("\(steps) steps for a text of \(text.unicodeScalars.count) and a program of \(regex.programSize)") }
    return 0
}

/// The entry point SwiftPM links this executable with: libFuzzer's driver over `fuzzRegex`.
@_cdecl("fuzz_regex_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzRegex(data, size) }
}
