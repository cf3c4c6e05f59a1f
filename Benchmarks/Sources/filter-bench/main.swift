import FilterLanguage
import FlowModel
import Foundation
import HubbleAPI
import SwiftProtobuf

/// Measures matching over flows held in memory: the compiled matcher, the tree-walking evaluator on
/// the same expression, and the reference semantics of the equivalent FlowFilter lists.
/// Usage: filter-bench FILE [ROUNDS [EXPR]] (with EXPR, only that expression is measured)
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: filter-bench FILE [ROUNDS]")
    exit(2)
}
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
let data = try Data(contentsOf: URL(fileURLWithPath: arguments[1]))
let decoder = FlowLineDecoder(reusingStrings: true)
let flows: [Flow] = try data.split(separator: UInt8(ascii: "\n")).compactMap { line in
    try line.withUnsafeBytes { bytes -> Flow? in
        let envelope = try decoder.decode(bytes).envelope
        if case .flow(let flow)? = envelope.responseTypes { return flow }
        return nil
    }
}
let now = Google_Protobuf_Timestamp(date: Date())

/// Best time per flow over `rounds` passes; the count of matches keeps the work observable.
func measure(_ name: String, _ test: FlowTest) -> Double {
    var best = Double.infinity
    var matched = 0
    for _ in 0..<rounds {
        matched = 0
        let start = DispatchTime.now().uptimeNanoseconds
        flows.withUnsafeBufferPointer { buffer in
            for i in 0..<buffer.count where test(buffer[i]) { matched += 1 }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start)
        best = min(best, elapsed / Double(flows.count))
    }
    print(name.padding(toLength: 58, withPad: " ", startingAt: 0) + String(format: "%8.1f ns/flow  (%d of %d match)", best, matched, flows.count))
    return best
}

print("\(flows.count) flows in memory, best of \(rounds) passes, one core")
if arguments.count > 3 {
    let only = try FilterExpression(arguments[3], now: now)
    _ = measure("compiled: \(arguments[3])", only.flowTest)
    exit(0)
}
let target = "ns == echo and verdict == DROPPED and dst.port in {80, 443, 8000..8080}"
let expression = try FilterExpression(target, now: now)
let tree = expression.treeEvaluator
// The expression `true` compiles to a closure that returns at once: what the loop itself costs.
let loop = measure("the loop alone (expression `true`)", try FilterExpression("true", now: now).flowTest)
let compiled = measure("compiled: \(target)", expression.flowTest)
let walked = measure("tree walk: same expression") { tree.matches($0) }
print(String(format: "compiled: %.1f ns/flow net of the loop; %.1fx faster than the tree walk (%.1fx net)",
             compiled - loop, walked / compiled, (walked - loop) / (compiled - loop)))

let lists = try HubbleFilterBuilder.build([
    (name: "namespace", value: "echo"), (name: "verdict", value: "DROPPED"), (name: "to-port", value: "80"),
    (name: "to-port", value: "443"),
])
let flowFilters = try FlowFilterSet(allow: lists.allow, deny: lists.deny)
_ = measure("FlowFilter lists: -n echo --verdict DROPPED --to-port 80,443") { flowFilters.matches($0) }
let pushed = try FlowFilterSet(allow: expression.plan.allow, deny: expression.plan.deny)
_ = measure("FlowFilter lists the planner pushes for the expression") { pushed.matches($0) }

for text in [
    "verdict == DROPPED", "ns == echo", "dst.port in {80, 443, 8000..8080}", "src.ns != dst.ns",
    "label == \"k8s:app=curl\"", "ip == 10.244.0.0/16", "http.path ~ \"^/api/v1/items/[0-9]+$\"",
] {
    let single = try FilterExpression(text, now: now)
    _ = measure("compiled: \(text)", single.flowTest)
}

// Regular expressions: the linear-time engine against Swift's backtracking one on ordinary
// patterns over URL-like texts, and the engine alone on patterns that make backtracking explode.
let texts = (0..<1_000).map { "/api/v1/items/\($0)?page=\($0 % 7)&sort=name" }
func measureRegex(_ name: String, _ texts: [String], _ match: (String) -> Bool) -> Double {
    var best = Double.infinity
    var matched = 0
    let scalars = texts.reduce(0) { $0 + $1.unicodeScalars.count }
    for _ in 0..<rounds {
        matched = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for text in texts where match(text) { matched += 1 }
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / Double(scalars))
    }
    print(name.padding(toLength: 58, withPad: " ", startingAt: 0) + String(format: "%8.2f ns/scalar  (%d of %d match)", best, matched, texts.count))
    return best
}
for pattern in ["^/api/v1/items/[0-9]+", "items/[0-9]+\\?page=3", "(?i)SORT=NAME$", "[a-z]+=[0-9]+&"] {
    let linear = try FlowRegex(pattern)
    let backtracking = try Regex(pattern).matchingSemantics(.unicodeScalar)
    let ours = measureRegex("regex \(pattern)", texts) { linear.matches($0) }
    let swift = measureRegex("Swift Regex, same", texts) { (try? backtracking.firstMatch(in: $0)) != nil }
    print(String(format: "  linear engine / Swift Regex: %.2f", ours / swift))
}
let hostile = [String(repeating: "a", count: 2_000) + "x"]
for pattern in ["^(.|.)+!$", "(a+)+$", "(a|aa)+b"] {
    let regex = try FlowRegex(pattern)
    _ = measureRegex("regex \(pattern), 2,000 scalars", hostile) { regex.matches($0) }
}
