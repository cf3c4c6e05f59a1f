import Dashboard
import FlowModel
import FlowOutput
import Foundation
import HubbleAPI
import LoupeTestSupport
import SwiftProtobuf
import Testing

/// The dashboard without a terminal: events in, screens out.
@Suite struct DashboardStateTests {
    /// The seed capture's first flows; the clock one second after the last of them.
    static func seedEnvelopes(_ count: Int = 300) throws -> [FlowEnvelope] {
        let data = try Data(contentsOf: try Fixtures.corpus("seed").appendingPathComponent("flows.jsonl"))
        let decoder = FlowLineDecoder()
        return try data.split(separator: UInt8(ascii: "\n")).prefix(count).map { line in
            try line.withUnsafeBytes { try decoder.decode($0) }.envelope
        }
    }

    static func state(size: Size = Size(width: 120, height: 40), filter: String = "", flows: Int = 300) throws -> DashboardState {
        let envelopes = try seedEnvelopes(flows)
        let last = envelopes.last!.flow.time
        let now = Date(timeIntervalSince1970: Double(last.seconds) + 1)
        var state = DashboardState(size: size, now: now, filter: filter, colors: .monochrome)
        state.apply(.connection(ServerState(server: "demo", connection: .connected)))
        state.apply(.flows(envelopes))
        state.apply(.tick(now))
        return state
    }

    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Compares a screen's text with `Golden/<name>.txt` (`LOUPE_RECORD=1` rewrites it).
    static func expectGolden(_ screen: Screen, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = goldens.appendingPathComponent("\(name).txt")
        let text = screen.text + "\n"
        if ProcessInfo.processInfo.environment["LOUPE_RECORD"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "screen \(name) differs from its golden", sourceLocation: sourceLocation)
    }

    static let sizes = [Size(width: 120, height: 40), Size(width: 80, height: 24)]

    @Test(arguments: sizes)
    func everyViewMatchesItsGolden(size: Size) throws {
        var state = try Self.state(size: size)
        let suffix = "\(size.width)x\(size.height)"
        try Self.expectGolden(state.render(size: size), "flows-\(suffix)")
        state.apply(.key(.character("2")))
        try Self.expectGolden(state.render(size: size), "talkers-\(suffix)")
        state.apply(.key(.character("3")))
        try Self.expectGolden(state.render(size: size), "drops-\(suffix)")
        state.apply(.key(.tab))
        try Self.expectGolden(state.render(size: size), "nodes-\(suffix)")
        state.apply(.key(.tab))
        try Self.expectGolden(state.render(size: size), "map-\(suffix)")
        state.apply(.key(.tab))
        #expect(state.view == .flows)
        state.apply(.key(.up))
        state.apply(.key(.enter))
        try Self.expectGolden(state.render(size: size), "detail-\(suffix)")
        state.apply(.key(.escape))
        state.apply(.key(.character("?")))
        try Self.expectGolden(state.render(size: size), "help-\(suffix)")
    }

    @Test func theFlowsTableFollowsTheNewestFlow() throws {
        let state = try Self.state()
        let screen = state.render(size: state.size)
        let rows = (4..<38).map { screen.text(row: $0) }
        // Below 140 columns the time of day is enough; the names take the room.
        #expect(rows.last?.hasPrefix("11:27:14.") == true)
        let wide = state.render(size: Size(width: 160, height: 40))
        #expect(wide.text(row: 37).contains("Apr 27 11:27:14"))
        #expect(screen.text(row: 3).hasPrefix("TIME"))
        #expect(screen.text(row: 0).contains("1 Flows") && screen.text(row: 0).contains("flows/s"))
        #expect(screen.text(row: 1).contains("FORWARDED") && screen.text(row: 1).contains("DROPPED"))
    }

    @Test func verdictsAreColouredWithTheReferencePalette() throws {
        var state = try Self.state()
        state.colors = .color
        let screen = state.render(size: state.size)
        let cells = screen.rows.flatMap { $0 }
        let dropped = cells.filter { $0.text == "D" && $0.style.color == .red }
        let forwarded = cells.filter { $0.text == "F" && $0.style.color == .green }
        #expect(!dropped.isEmpty && !forwarded.isEmpty)
    }

    @Test func pausingFreezesTheTableAndCountsWhatArrives() throws {
        var state = try Self.state(flows: 200)
        state.apply(.key(.character(" ")))
        let frozen = state.render(size: state.size)
        state.apply(.flows(try Self.seedEnvelopes(260).suffix(60)))
        let after = state.render(size: state.size)
        #expect((4..<38).map { after.text(row: $0) } == (4..<38).map { frozen.text(row: $0) })
        #expect(after.text(row: 2).contains("PAUSED · 60 new while paused"))
        state.apply(.key(.character(" ")))
        #expect(!state.render(size: state.size).text(row: 2).contains("PAUSED"))
    }

    @Test func theFilterBarCompilesAsYouTypeAndKeepsTheLastValidFilter() throws {
        var state = try Self.state(filter: "verdict == DROPPED")
        state.apply(.key(.character("/")))
        state.apply(.key(.control("u")))
        for c in "ns == galaxy and dst.prot == 80" { state.apply(.key(.character(c))) }
        var screen = state.render(size: state.size)
        #expect(screen.text.contains("error: unknown field 'dst.prot'"))
        #expect(screen.text.contains("did you mean 'dst.port'?"))
        #expect(screen.text(row: 2) == "filter: verdict == DROPPED", "the table keeps the last valid filter")
        state.apply(.key(.enter))
        #expect(state.filterBar != nil, "an invalid filter is not applied")
        for _ in 0..<10 { state.apply(.key(.backspace)) }
        for c in "port == 80" { state.apply(.key(.character(c))) }
        state.apply(.key(.enter))
        #expect(state.filterBar == nil && state.filterText == "ns == galaxy and dst.port == 80")
        screen = state.render(size: state.size)
        let rows = (4..<38).map { screen.text(row: $0) }.filter { !$0.isEmpty }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.contains("galaxy/curl") })
        // History: Up brings back the previous filter; Esc leaves everything as it was.
        state.apply(.key(.character("/")))
        state.apply(.key(.up))
        state.apply(.key(.up))
        #expect(state.filterBar?.text == "verdict == DROPPED")
        state.apply(.key(.escape))
        #expect(state.filterBar == nil && state.filterText == "ns == galaxy and dst.port == 80")
    }

    @Test func aValueFromTheDetailPaneJoinsTheFilter() throws {
        var state = try Self.state()
        state.apply(.key(.enter))
        let flow = state.stored(state.detail!)!.flow
        state.apply(.key(.character("v")))
        #expect(state.detail == nil)
        #expect(state.filterText == "verdict == \(flow.verdict.protoName!)")
        state.apply(.key(.enter))
        state.apply(.key(.character("s")))
        #expect(state.filterText.hasPrefix("(verdict == \(flow.verdict.protoName!)) and src.pod == \""))
    }

    @Test func talkersAndDropsAnswerWhoIsDroppedAndWhy() throws {
        let state = try Self.state()
        let talkers = state.talkers()
        #expect(talkers.first { $0.source == "galaxy/curl" && $0.destination == "echo/echo" }?.drops ?? 0 > 0)
        #expect(talkers.first { $0.source == "universe/curl" && $0.destination == "echo/echo" }?.drops == 0)
        let drops = state.dropGroups()
        #expect(drops.first?.namespace == "echo" && drops.first?.reason == "POLICY_DENIED" && drops.first?.topSource == "galaxy/curl")
    }

    @Test func historyIsBoundedAndKeysMove() throws {
        var state = DashboardState(size: Size(width: 100, height: 20), now: Date(), historyLimit: 50)
        state.apply(.flows(try Self.seedEnvelopes(400)))
        #expect(state.history.count == 50 && state.received == 400)
        state.apply(.key(.home))
        #expect(state.selected == state.history.first?.sequence)
        state.apply(.key(.end))
        #expect(state.selected == nil)
        state.apply(.key(.control("c")))
        #expect(state.quit)
    }

    @Test func untrustedTextIsEscapedAndWideCharactersTakeTwoCells() throws {
        var flow = Flow()
        flow.time = Google_Protobuf_Timestamp(seconds: 1_745_753_171, nanos: 0)
        flow.source.namespace = "evil"
        flow.source.podName = "pod\u{1B}[2Jx"
        flow.destination.namespace = "日本"
        flow.destination.podName = "web"
        flow.ip.source = "10.0.0.1"
        flow.ip.destination = "10.0.0.2"
        flow.verdict = .forwarded
        flow.summary = "ok\rno"
        var state = DashboardState(size: Size(width: 120, height: 12), now: Date(timeIntervalSince1970: 1_745_753_172), colors: .monochrome)
        state.apply(.flows([FlowEnvelope(flow: flow)]))
        let screen = state.render(size: state.size)
        let row = screen.text(row: 4)
        #expect(row.contains("evil/pod^[[2Jx") && row.contains("ok\\rno"))
        #expect(!screen.rows.flatMap { $0 }.contains { $0.text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x0D } })
        #expect(row.contains("日本/web"))
        #expect(Screen.width(of: "日本") == 4)
    }

    @Test func aTinyTerminalGetsAMessageNotACrash() {
        let state = DashboardState(size: Size(width: 10, height: 3), now: Date())
        #expect(state.render(size: Size(width: 10, height: 3)).text(row: 0) == "loupe top:")
        _ = state.render(size: Size(width: 0, height: 0))
    }
}

/// What the runner changes goes through events like everything else.
@Suite struct DashboardLifecycleEventTests {
    @Test func quitAndColoursAreEvents() {
        var state = DashboardState(size: Size(width: 80, height: 24), now: Date(timeIntervalSince1970: 0), colors: .color)
        state.apply(.colors(.monochrome))
        #expect(state.colors == .monochrome)
        #expect(!state.quit)
        state.apply(.quit)
        #expect(state.quit)
    }
}
