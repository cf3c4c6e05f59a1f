import FilterLanguage
import FlowModel
import HubbleAPI

extension FlowQuery {
    /// What one GetFlows call of the query needs: the request, and what loupe does to each record
    /// the server sends.
    public struct ServerPlan: Sendable {
        public var request: FlowRequest
        /// Re-applied to every flow (the server checked it already; a condition it cannot express, or
        /// expresses only approximately, is decided here). Nil when nothing filters.
        public var test: FlowTest?
        /// Applied before printing when the server was asked for whole flows so that they could be
        /// checked here.
        public var displayMask: FlowFieldMask?

        /// How many of the flows loupe accepts to keep, per server.
        public var localCount: FlowSelection.Count { request.localCount }

        /// Loupe's own check, then the display mask, for each record of a server; nil drops it.
        /// Records without a flow (lost events, node status) pass: a server never filters them.
        public var prepare: @Sendable (FlowEnvelope) -> FlowEnvelope? {
            let test = self.test
            let mask = displayMask
            return { envelope in
                guard case .flow(let flow)? = envelope.responseTypes else { return envelope }
                if let test, !test(flow) { return nil }
                guard let mask else { return envelope }
                var masked = FlowEnvelope(flow: mask.apply(to: flow))
                masked.nodeName = envelope.nodeName
                if envelope.hasTime { masked.time = envelope.time }
                return masked
            }
        }
    }

    /// The request of the query (`protocol.md` §11.2) with what a server can decide pushed to it as
    /// allow and deny lists. When loupe must check flows itself, the server is asked for whole flows
    /// and the display mask is applied here, after the check; when the check is not exact, history
    /// is read whole and counted here.
    public var serverPlan: ServerPlan {
        let plan = self.plan
        var request = FlowRequest(selection: selection, follow: follow, countGiven: countGiven, all: all)
        request.allow = plan.allow
        request.deny = plan.deny
        request.countLocally = !plan.isExact
        if isFiltered {
            return ServerPlan(request: request, test: flowTest, displayMask: displayMask)
        }
        request.fieldMask = displayMask?.requestedPaths ?? []
        return ServerPlan(request: request, test: nil, displayMask: nil)
    }
}
