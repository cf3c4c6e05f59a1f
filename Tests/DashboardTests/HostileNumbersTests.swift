import Dashboard
import FlowModel
import Foundation
import HubbleAPI
import Testing

/// Numbers from a server are untrusted: the largest a message can carry saturate on screen instead
/// of trapping (which would leave the terminal raw).
@Suite struct HostileNumbersTests {
    @Test func lostEventsAndRingSizesAtTheirMaximumSaturate() throws {
        var state = DashboardState(size: Size(width: 120, height: 40), now: Date(timeIntervalSince1970: 1_700_000_000), filter: "", colors: .monochrome)
        var server = ServerState(server: "hostile", connection: .connected)
        server.numFlows = .max
        server.maxFlows = 1
        state.apply(.connection(server))
        var lost = FlowEnvelope()
        lost.lostEvents.numEventsLost = .max
        lost.nodeName = "hostile"
        state.apply(.flows([lost, lost]))
        #expect(state.lost["hostile"] == .max)
        // The Nodes view shows both numbers.
        state.apply(.key(.character("4")))
        let screen = state.render(size: Size(width: 120, height: 40))
        #expect(screen.text.contains("18,446,744,073,709,55"))
        #expect(screen.text.contains("hostile"))
    }
}
