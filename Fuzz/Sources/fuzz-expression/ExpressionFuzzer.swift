import FilterLanguage
import FlowModel
import FuzzerDriver
import HubbleAPI
import SwiftProtobuf

/// A filter expression (the first line) and a flow to run it on (the rest, a hubble JSON line).
/// Checked beyond "no crash": an expression that compiles gives the same answer compiled as walked
/// (`TreeEvaluator`, which defines it), and what it pushes to a server never drops a flow it keeps;
/// one that does not compile renders its diagnostics.
func fuzzExpression(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let newline = bytes.firstIndex(of: 0x0A) ?? size
    let text = String(decoding: bytes[0..<newline], as: UTF8.self)
    let now = Google_Protobuf_Timestamp(seconds: 1_700_000_000, nanos: 0)
    let expression: FilterExpression
    do {
        expression = try FilterExpression(text, now: now)
    } catch {
        _ = error.description
        return 0
    }
    let plan = expression.plan
    let flow: Flow
    if newline < size, let line = try? FlowLineDecoder().decode(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[(newline + 1)...]))),
        case .flow(let decoded)? = line.envelope.responseTypes
    {
        flow = decoded
    } else {
        flow = Flow()
    }
    let matched = expression.matches(flow)
    guard matched == expression.treeEvaluator.matches(flow) else {
        fatalError("compiled and walked, \(text) disagree")
    }
    if matched, let pushed = try? FlowFilterSet(allow: plan.allow, deny: plan.deny), !pushed.matches(flow) {
        fatalError("the filters pushed for \(text) drop a flow it keeps")
    }
    return 0
}

/// The entry point SwiftPM links this executable with: libFuzzer's driver over `fuzzExpression`.
@_cdecl("fuzz_expression_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzExpression(data, size) }
}
