import FlowModel
import HubbleAPI

/// How an expression is split between a server and the client: the FlowFilter lists sent in the
/// request, the conditions the lists do not capture exactly, and why.
public struct FilterPlan: Sendable {
    /// Sent as `whitelist`: a flow must match one (an empty list passes everything).
    public var allow: [Flow_FlowFilter]
    /// Sent as `blacklist`: a flow matching one is dropped.
    public var deny: [Flow_FlowFilter]
    /// The conditions, as written, that only the client checks exactly (empty when the lists are exact).
    public var residual: [String]
    public var approximations: [Approximation]

    public struct Approximation: Sendable, Equatable {
        public var condition: String
        public var range: SourceRange
        public var reason: String
    }

    /// The plan of the reference's filter flags alone: their lists, exact.
    public static func flags(allow: [Flow_FlowFilter], deny: [Flow_FlowFilter]) -> FilterPlan {
        FilterPlan(allow: allow, deny: deny, residual: [], approximations: [])
    }

    /// This plan and the filter flags' lists in one request (both must hold).
    public func joined(withFlags flags: (allow: [Flow_FlowFilter], deny: [Flow_FlowFilter])) -> FilterPlan {
        let conjunction = FlowFilterConjunction(flags, (allow, deny))
        var plan = FilterPlan(allow: conjunction.allow, deny: conjunction.deny, residual: residual, approximations: approximations)
        if !conjunction.isExact {
            plan.residual.insert("the filter flags", at: 0)
            plan.approximations.append(Approximation(
                condition: "filter flags", range: SourceRange(0, 0),
                reason: "they set FlowFilter fields the expression sets too; the server is sent the values of both"))
        }
        return plan
    }

    /// Whether the lists select exactly what the expression selects.
    public var isExact: Bool { residual.isEmpty && approximations.isEmpty }

    /// The plan for people: each FlowFilter as one JSON line (hubble's form), then the residual and the
    /// approximations.
    public func explanation() -> String {
        var lines: [String] = []
        lines.append(allow.isEmpty ? "allow: every flow (no allow list is sent)" : "allow (a flow must match one):")
        lines += allow.map { "  " + $0.hubbleJSONString() }
        lines.append(deny.isEmpty ? "deny: none" : "deny (a flow matching one is dropped):")
        lines += deny.map { "  " + $0.hubbleJSONString() }
        if residual.isEmpty {
            lines.append("residual: none (the server's lists are exact; loupe still checks every flow)")
        } else {
            lines.append("residual (checked by loupe on every flow received):")
            lines += residual.map { "  " + Self.abbreviated($0) }
        }
        if !approximations.isEmpty {
            lines.append("approximated (the server passes more flows than these select):")
            lines += approximations.map { "  \(Self.abbreviated($0.condition)): \($0.reason)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Long conditions cut to a line's worth for people (the JSON form keeps them whole).
    static func abbreviated(_ text: String, limit: Int = 100) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// The plan as one JSON object: `{"allowlist":[…],"denylist":[…],"residual":[…],"approximated":[…]}`.
    public func json() -> String {
        var writer = JSONWriter()
        writer.append("{\"allowlist\":[")
        for (i, filter) in allow.enumerated() {
            if i > 0 { writer.append(",") }
            filter.encodeJSON(to: &writer)
        }
        writer.append("],\"denylist\":[")
        for (i, filter) in deny.enumerated() {
            if i > 0 { writer.append(",") }
            filter.encodeJSON(to: &writer)
        }
        writer.append("],\"residual\":[")
        for (i, text) in residual.enumerated() {
            if i > 0 { writer.append(",") }
            writer.string(text)
        }
        writer.append("],\"approximated\":[")
        for (i, note) in approximations.enumerated() {
            if i > 0 { writer.append(",") }
            writer.append("{\"condition\":")
            writer.string(note.condition)
            writer.append(",\"reason\":")
            writer.string(note.reason)
            writer.append("}")
        }
        writer.append("]}")
        return writer.text + "\n"
    }
}
