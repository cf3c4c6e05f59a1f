import DequeModule
import FlowModel
import HubbleAPI
import TrafficAnalysis

extension DashboardState {
    /// The conversations of the flows held that pass the filter, folded as `loupe map` folds them.
    public func trafficMap() -> TrafficMap {
        var map = TrafficMap(grouping: .workload)
        for stored in history where matches(stored.flow) { map.add(stored.flow) }
        return map
    }

    /// The Map view: one conversation a row, in name order, with its port, the flows forwarded
    /// and dropped, and the details (drop reasons, policies, requests).
    func renderMap(into screen: inout Screen, top: Int, height: Int) {
        let width = screen.size.width
        let side = max(14, min(32, (width - 30) / 3))
        let details = max(10, width - 2 * side - 9 - 8 - 8 - 5)
        let rows = trafficMap().sortedEdges.map { edge -> [(String, Screen.Style)] in
            let dropped = edge.stats.count(.dropped)
            return [
                (edge.key.source.label, style(.cyan)), (edge.key.destination.label, style(.cyan)), (edge.key.portLabel, .plain),
                (Self.grouped(UInt64(edge.stats.count(.forwarded))), .plain),
                (Self.grouped(UInt64(dropped)), dropped > 0 ? style(.red, bold: true) : .plain),
                (edge.stats.details, dropped > 0 ? style(.red) : .plain),
            ]
        }
        renderTable(
            [("SOURCE", side), ("DESTINATION", side), ("PORT", 9), ("FWD", 8), ("DROP", 8), ("DETAILS", details)], rows,
            into: &screen, top: top, height: height, empty: "no flows yet")
    }
}
