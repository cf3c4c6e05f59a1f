import FilterLanguage
import FlowModel
import HubbleAPI

/// Everything that decides which records reach the output: the reference CLI's filter flags (in
/// command-line order, as allow and deny lists), the filter expression, the selection (count, time
/// window, follow), the fields to show, and what becomes of records that carry no flow.
///
/// It is the one place where these rules are combined: `observe`, `top` and the agent's replay ask
/// it which records to accept (`accepts(_:)`) and what to ask a server for (`serverPlan`).
public struct FlowQuery: Sendable {
    /// The filter flags as the reference CLI turns them into allow and deny lists.
    public var flags: FlowFilterSet
    /// The filter expression (every `EXPR` and `--filter` joined with `and`).
    public var expression: FilterExpression?
    public var selection: FlowSelection
    /// Tail the stream: a server keeps it open; a file is read to its end.
    public var follow: Bool
    /// Whether `--last`, `--first` or `--all` was given: a server's default of 20 applies otherwise.
    public var countGiven: Bool
    /// `--all`: every flow a server holds.
    public var all: Bool
    /// The fields shown; nil for every field. Filters always see whole flows.
    public var displayMask: FlowFieldMask?

    public init(
        flags: FlowFilterSet = FlowFilterSet.empty, expression: FilterExpression? = nil, selection: FlowSelection = FlowSelection(),
        follow: Bool = false, countGiven: Bool = false, all: Bool = false, displayMask: FlowFieldMask? = nil
    ) {
        self.flags = flags
        self.expression = expression
        self.selection = selection
        self.follow = follow
        self.countGiven = countGiven
        self.all = all
        self.displayMask = displayMask
    }

    /// Whether flags or an expression select flows.
    public var isFiltered: Bool { !flags.isEmpty || expression != nil }

    /// The flags and the expression together (both must hold); nil when nothing filters.
    public var flowTest: FlowTest? {
        switch (flags.isEmpty, expression) {
        case (true, nil): return nil
        case (true, let expression?): return expression.flowTest
        case (false, nil): return { [flags] in flags.matches($0) }
        case (false, let expression?):
            let test = expression.flowTest
            return { [flags] in flags.matches($0) && test($0) }
        }
    }

    /// How the filters split between a server and loupe: the allow and deny lists pushed, and what
    /// loupe checks itself.
    public var plan: FilterPlan {
        let lists = (allow: flags.allow, deny: flags.deny)
        return expression.map { $0.plan.joined(withFlags: lists) } ?? .flags(allow: flags.allow, deny: flags.deny)
    }

    /// Whether a record without a flow (lost events, node status) read from a file is dropped: it
    /// fails an allow list and an expression, while a deny list alone lets it through, as the
    /// reference CLI does with `--input-file`. A server's such records always pass (`serverPlan`).
    public var dropsNonFlowRecords: Bool { expression != nil || !flags.allow.isEmpty }

    /// The test a record read from a file must pass (before the count); nil when every record does.
    public var fileTest: (@Sendable (FlowEnvelope) -> Bool)? {
        let test = flowTest
        let dropsNonFlows = dropsNonFlowRecords
        guard test != nil || dropsNonFlows else { return nil }
        return { envelope in
            guard case .flow(let flow)? = envelope.responseTypes else { return !dropsNonFlows }
            return test?(flow) ?? true
        }
    }

    /// Whether `envelope`, read from a file, is selected by the filters.
    public func accepts(_ envelope: FlowEnvelope) -> Bool {
        fileTest?(envelope) ?? true
    }
}

extension FilterLanguage.FlowFilterSet {
    /// No filter flags.
    public static var empty: FlowFilterSet { try! FlowFilterSet() }
}
