import Foundation
import LoupeTestSupport
import Testing

/// The bash completion of `completions/loupe.bash`, driven in a real bash (tmux): inside an open
/// quote, fields and values complete and the quote stays open.
@Suite(.serialized) struct CompletionInBashTests {
    @Test(.enabled(if: TopEndToEndTests.tmuxAvailable), arguments: [
        ("loupe observe 'verd", "$ loupe observe 'verdict"),
        ("loupe observe 'ns == echo and ve", "$ loupe observe 'ns == echo and verdict"),
        ("loupe observe 'verdict == DRO", "$ loupe observe 'verdict == DROPPED"),
        ("loupe top -f \"dst.port == 80 and proto in {tcp, ud", "$ loupe top -f \"dst.port == 80 and proto in {tcp, udp"),
        ("loupe observe verd", "$ loupe observe verdict"),
        ("loupe observe --verdict DRO", "$ loupe observe --verdict DROPPED"),
    ])
    func completesInsideAnOpenQuoteWithoutClosingIt(typed: String, expected: String) async throws {
        try await TopEndToEndTests.Session.with { session in
            let bin = LoupeProcess.executable("loupe").deletingLastPathComponent().path
            let script = Fixtures.checkout.appendingPathComponent("completions/loupe.bash").path
            try await session.type("PATH=\(bin):$PATH; source \(script); clear")
            try await session.send("Enter")
            _ = try await session.wait("the prompt") { $0.split(separator: "\n").first?.trimmingCharacters(in: .whitespaces) == "$" }
            try await session.type(typed)
            try await session.send("Tab")
            let screen = try await session.wait("the completion") { screen in
                screen.split(separator: "\n").contains { $0.hasPrefix(expected) }
            }
            let line = screen.split(separator: "\n").first { $0.hasPrefix(expected) }.map(String.init) ?? ""
            // Nothing after the completion: no closing quote (capture-pane drops trailing spaces).
            #expect(line == expected, "the line reads \(line)")
            try await session.send("C-c")
        }
    }
}
