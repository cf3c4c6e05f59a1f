import ClusterSimulation
import FuzzerDriver
import PolicyEngine

/// A scenario file and a policy file (`loupe-agent scenario check`, `policy explain --policies`):
/// either decodes or is refused with a message naming the file.
func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        _ = try ScenarioDecoder.decode(yaml: text, file: "fuzz.yaml")
    } catch {
        guard error.description.hasPrefix("fuzz.yaml") else { fatalError("an error without its file: \(error.description)") }
    }
    do {
        _ = try PolicyDecoder.decode(yaml: text, file: "fuzz.yaml")
    } catch {
        guard error.description.hasPrefix("fuzz.yaml") else { fatalError("an error without its file: \(error.description)") }
    }
    return 0
}

/// The entry point SwiftPM links this executable with: libFuzzer's driver over `fuzzYAML`.
@_cdecl("fuzz_yaml_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzYAML(data, size) }
}
