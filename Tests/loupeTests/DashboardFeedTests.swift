import Dashboard
import FilterLanguage
import FlowClient
import HubbleAPI
import LoupeCommands
import SwiftProtobuf
import Testing

/// What the dashboard asks a server for.
@Suite struct DashboardFeedTests {
    /// Whole flows (no field mask): the Drops view names the policies in `*_denied_by`, the detail
    /// pane shows every field; a filter flag is pushed to the server.
    @Test func theDashboardAsksForWholeFlowsAndPushesItsFlags() throws {
        let flags = try FlowFilterSet(allow: try HubbleFilterBuilder.build([(name: "verdict", value: "DROPPED")]).allow, deny: [])
        let feed = DashboardFeed(runner: DashboardRunner(), history: 500, flags: flags)
        let request = feed.query.serverPlan.request.message
        #expect(!request.hasFieldMask || request.fieldMask.paths.isEmpty)
        #expect(request.follow)
        #expect(request.number == 500)
        #expect(request.whitelist.first?.verdict == [.dropped])
    }
}
