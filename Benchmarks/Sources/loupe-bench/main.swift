import FlowClient
import FlowModel
import FlowOutput
import Foundation
import HubbleAPI
import SwiftProtobuf

/// Measures decode, decode + compact and decode + JSON over a capture file, in process.
/// Usage: loupe-bench FILE [ROUNDS]
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: loupe-bench FILE [ROUNDS]")
    exit(2)
}
let path = arguments[1]
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
let data = try Data(contentsOf: URL(fileURLWithPath: path))
let lines = data.split(separator: UInt8(ascii: "\n"))
let decoder = FlowLineDecoder()

func measure(_ name: String, _ body: () throws -> Int) rethrows {
    var best = Double.infinity
    var count = 0
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        count = try body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        best = min(best, seconds)
    }
    let rate = Double(count) / best
    print(name.padding(toLength: 22, withPad: " ", startingAt: 0) + String(format: " %9.0f flows/s  %7.1f MB/s  (%d flows, best of %d)", rate,
                 Double(data.count) / best / 1e6, count, rounds))
}

try measure("decode, shared str.") {
    let caching = FlowLineDecoder(reusingStrings: true)
    var n = 0
    for line in lines {
        let e = try line.withUnsafeBytes { try caching.decode($0).envelope }
        if e.responseTypes != nil { n += 1 }
    }
    return n
}

// For comparison: swift-protobuf's own decoders over the same records.
var protobufJSONOptions = JSONDecodingOptions()
protobufJSONOptions.ignoreUnknownFields = true
try measure("swift-protobuf JSON") {
    for line in lines { _ = try FlowEnvelope(jsonUTF8Bytes: Array(line), options: protobufJSONOptions) }
    return lines.count
}
let binaries: [[UInt8]] = try lines.map { line in
    try line.withUnsafeBytes { try decoder.decode($0).envelope.serializedBytes() }
}
try measure("swift-protobuf binary") {
    for bytes in binaries { _ = try FlowEnvelope(serializedBytes: bytes) }
    return binaries.count
}

try measure("decode") {
    var n = 0
    for line in lines {
        let e = try line.withUnsafeBytes { try decoder.decode($0).envelope }
        if e.responseTypes != nil { n += 1 }
    }
    return n
}

try measure("decode for compact") {
    let skipping = FlowLineDecoder(reusingStrings: true, skipping: CompactFormatter.unusedMembers(options: FormatOptions()))
    var n = 0
    for line in lines {
        let e = try line.withUnsafeBytes { try skipping.decode($0).envelope }
        if e.responseTypes != nil { n += 1 }
    }
    return n
}

for format in [OutputFormat.compact, .jsonpb] {
    try measure("decode + \(format.rawValue)") {
        var formatter = makeFormatter(format, options: FormatOptions())
        var out = OutputBuffers()
        var n = 0
        for line in lines {
            let e = try line.withUnsafeBytes { try decoder.decode($0).envelope }
            formatter.write(e, to: &out)
            n += 1
            if out.stdout.count > 1 << 16 { out.removeAll() }
        }
        return n
    }
}

let envelopes = try lines.map { line in try line.withUnsafeBytes { try decoder.decode($0).envelope } }
for format in [OutputFormat.compact, .jsonpb] {
    measure("\(format.rawValue) only") {
        var formatter = makeFormatter(format, options: FormatOptions())
        var out = OutputBuffers()
        for e in envelopes {
            formatter.write(e, to: &out)
            if out.stdout.count > 1 << 16 { out.removeAll() }
        }
        return envelopes.count
    }
}

/// Counts the output it is handed (what a writer would write).
struct CountingSink: FlowSink {
    let preparation: RecordPreparation
    var bytes = 0

    mutating func deliver(_ records: PreparedRecords, range: Range<Int>) throws {
        records.withOutput(of: range) { bytes += $0.stdout.count }
    }
}

// The file pipeline: read, decode and render on worker tasks, deliver in order (output discarded).
nonisolated func pipeline(path: String, format: OutputFormat, batches: Int, rounds: Int) async throws -> Double {
    var best = Double.infinity
    let options = FormatOptions()
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        var bytes = 0
        var sink = CountingSink(preparation: .rendered(
            makeRenderer: makeRecordRenderer(format, options: options)!,
            skipping: format == .compact ? CompactFormatter.unusedMembers(options: options) : nil))
        _ = try await FileFlowSource(path: path, maxBatchesInFlight: batches).read(FlowQuery(), into: &sink)
        bytes += sink.bytes
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

for format in [OutputFormat.compact, .jsonpb] {
    for batches in [1, FileFlowSource.defaultBatchesInFlight] {
        let seconds = try await pipeline(path: path, format: format, batches: batches, rounds: rounds)
        print("file > \(format.rawValue), \(batches)b".padding(toLength: 22, withPad: " ", startingAt: 0)
            + String(format: " %9.0f flows/s", Double(lines.count) / seconds))
    }
}
