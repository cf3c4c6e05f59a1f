import FlowModel
import Foundation
import FuzzerDriver
import HubbleAPI
import SwiftProtobuf

/// A GetFlowsResponse as a server sends it (the bytes after gRPC's 5-byte prefix), read by loupe's
/// generated decoder and checked against swift-protobuf's (unknown fields dropped, as loupe drops
/// them): what both read is the same message; written out and read again, it is unchanged. The unary responses are read too.
func fuzzProtobuf(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    var options = BinaryDecodingOptions()
    options.discardUnknownFields = true
    let reference = try? FlowEnvelope(serializedBytes: Array(bytes), options: options)
    let decoded = try? FlowEnvelope(protoBytes: bytes)
    // Where only swift-protobuf reads the bytes, loupe is allowed to be stricter: it refuses, as Go's
    // protowire does (the servers' own decoder), a 10-byte varint whose last byte overflows 64 bits,
    // which swift-protobuf truncates.
    if let reference, let decoded, decoded != reference {
        fatalError("loupe reads a response otherwise than swift-protobuf")
    }
    if let envelope = decoded {
        guard let written: [UInt8] = try? envelope.serializedBytes() else {
            fatalError("a decoded response cannot be written")
        }
        let again = written.withUnsafeBytes { try? FlowEnvelope(protoBytes: $0) }
        let theirs = try? FlowEnvelope(serializedBytes: written)
        guard again == envelope, theirs == envelope else {
            fatalError("loupe's decoder and swift-protobuf's disagree on \(written.count) bytes")
        }
    }
    _ = try? Observer_ServerStatusResponse(protoBytes: bytes)
    _ = try? Observer_GetNodesResponse(protoBytes: bytes)
    _ = try? Observer_GetNamespacesResponse(protoBytes: bytes)
    return 0
}

/// The entry point SwiftPM links this executable with: libFuzzer's driver over `fuzzProtobuf`.
@_cdecl("fuzz_protobuf_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    writeSeedsIfAsked()
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzProtobuf(data, size) }
}

/// With LOUPE_FUZZ_SEEDS=DIR and LOUPE_FUZZ_JSONL=FILE, writes each JSON line of FILE as a binary
/// response into DIR and exits: the seed corpus, made from the fixtures by dev/fuzz.sh.
func writeSeedsIfAsked() {
    // getenv, not ProcessInfo: Foundation keeps its copy of the environment where the leak checker
    // does not see it.
    guard let seeds = getenv("LOUPE_FUZZ_SEEDS"), let jsonl = getenv("LOUPE_FUZZ_JSONL") else { return }
    let directory = String(cString: seeds)
    let file = String(cString: jsonl)
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { fatalError("cannot read \(file)") }
    var count = 0
    for line in text.split(separator: "\n") {
        let decoded = Array(line.utf8).withUnsafeBytes { try? FlowLineDecoder().decode($0) }
        guard let envelope = decoded?.envelope, let bytes: [UInt8] = try? envelope.serializedBytes() else { continue }
        count += 1
        FileManager.default.createFile(atPath: "\(directory)/\(file.split(separator: "/").last!)-\(count).bin", contents: Data(bytes))
    }
    print("\(count) seeds written to \(directory)")
    exit(0)
}
