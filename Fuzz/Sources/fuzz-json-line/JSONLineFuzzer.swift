import FlowModel
import FlowOutput
import FuzzerDriver

/// One line of hubble JSON, as `--input-file` reads it. Checked beyond "no crash":
/// - the line is good or bad alike whether decoded whole or with what compact output skips;
/// - a decoded line written back as JSON reads back to the same envelope;
/// - every output format renders it, and compact, dict and table put no control character on the
///   terminal but the newline ending a record (and the tab of a table row).
func fuzzJSONLine(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let whole = Result { () throws(HubbleJSONError) in try FlowLineDecoder().decode(bytes) }
    let skipped = CompactFormatter.unusedMembers(options: FormatOptions())
    let skipping = Result { () throws(HubbleJSONError) in try FlowLineDecoder(reusingStrings: true, skipping: skipped).decode(bytes) }
    switch (whole, skipping) {
    case (.success(let line), .success):
        let written = line.envelope.jsonLine()
        let reread = Array(written.utf8).withUnsafeBytes { try? FlowLineDecoder().decode($0) }
        guard let reread, reread.envelope == line.envelope else {
            fatalError("a decoded line does not read back the same: \(written)")
        }
        render(line.envelope)
    case (.failure, .failure):
        break
    default:
        fatalError("the line is good for one output and bad for another")
    }
    return 0
}

func render(_ envelope: FlowEnvelope) {
    for format in [OutputFormat.compact, .dict, .table, .jsonpb, .json] {
        var formatter = makeFormatter(format, options: FormatOptions())
        var out = OutputBuffers()
        formatter.write(envelope, to: &out)
        formatter.finish(to: &out)
        guard format == .compact || format == .dict || format == .table else { continue }
        for byte in out.stdout + out.stderr where byte < 0x20 && byte != 0x0A && byte != 0x09 || byte == 0x7F {
            fatalError("\(format) wrote the control character \(byte) to the terminal")
        }
    }
}

/// The entry point SwiftPM links this executable with: libFuzzer's driver over `fuzzJSONLine`.
@_cdecl("fuzz_json_line_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzJSONLine(data, size) }
}
