import FlowModel
import HubbleAPI

/// A test of one flow, compiled once. Tests run on many tasks at once, so they capture only values.
public typealias FlowTest = @Sendable (Flow) -> Bool

/// Hubble's allow and deny lists (`GetFlowsRequest.whitelist` / `blacklist`), compiled with the reference
/// server's semantics (`protocol.md` §10): a flow passes when it matches some allow entry (or the allow
/// list is empty) and no deny entry.
public struct FlowFilterSet: Sendable {
    public let allow: [Flow_FlowFilter]
    public let deny: [Flow_FlowFilter]
    private let allowTests: [FlowTest]
    private let denyTests: [FlowTest]

    /// Compiles both lists, allow entries first; the first invalid value aborts with the server's text.
    public init(allow: [Flow_FlowFilter] = [], deny: [Flow_FlowFilter] = []) throws(FlowFilterError) {
        self.allow = allow
        self.deny = deny
        var allowTests: [FlowTest] = []
        for filter in allow { allowTests.append(try FlowFilterCompiler.compile(filter)) }
        var denyTests: [FlowTest] = []
        for filter in deny { denyTests.append(try FlowFilterCompiler.compile(filter)) }
        self.allowTests = allowTests
        self.denyTests = denyTests
    }

    /// No entries in either list: everything passes.
    public var isEmpty: Bool { allow.isEmpty && deny.isEmpty }

    public func matches(_ flow: Flow) -> Bool {
        if !allowTests.isEmpty {
            var allowed = false
            for test in allowTests where test(flow) {
                allowed = true
                break
            }
            if !allowed { return false }
        }
        for test in denyTests where test(flow) { return false }
        return true
    }
}

/// Why a FlowFilter cannot be built; `description` is the reference server's message.
public struct FlowFilterError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
