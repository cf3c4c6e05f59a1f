import FlowModel
import Foundation
import HubbleAPI
import Synchronization

/// Runs the dashboard in the terminal: one thread owns the state and curses; anything else (the
/// flow stream, status polls, signals) posts events to it. Flows are taken in batches and the screen
/// is drawn at most ten times a second, so a busy stream costs little and a key shows within 100 ms.
public final class DashboardRunner: Sendable {
    private struct Inbox {
        var events: [DashboardEvent] = []
        var flows: [FlowEnvelope] = []
        /// Flows dropped because the dashboard fell behind the stream (more than `pendingLimit`
        /// waiting): they would have left the history anyway.
        var skipped: UInt64 = 0
    }

    private let inbox = Mutex(Inbox())
    private let pendingLimit: Int

    public init(pendingLimit: Int = 20_000) {
        self.pendingLimit = pendingLimit
    }

    /// Hands events to the dashboard; callable from any thread.
    public func post(_ event: DashboardEvent) {
        inbox.withLock { inbox in
            if case .flows(let envelopes) = event {
                inbox.flows.append(contentsOf: envelopes)
                let excess = inbox.flows.count - pendingLimit
                if excess > 0 {
                    inbox.flows.removeFirst(excess)
                    inbox.skipped += UInt64(excess)
                }
            } else {
                inbox.events.append(event)
            }
        }
    }

    /// Ends the dashboard (a signal, the stream's end).
    public func stop() {
        post(.quit)
    }

    /// Runs on the calling thread until the user quits or `stop()` is called; the terminal is
    /// restored on every way out, errors included. Returns the final state.
    public func run(_ initial: DashboardState, monochrome: Bool) -> DashboardState {
        let terminal = CursesTerminal(monochrome: monochrome)
        defer { terminal.restore() }
        var state = initial
        if !terminal.hasColor { state.apply(.colors(.monochrome)) }
        state.apply(.resize(terminal.size))
        var lastDraw = Date.distantPast
        var dirty = true
        while !state.quit {
            // Keys first: the read waits up to 50 ms when none is pending.
            while let input = terminal.read() {
                switch input {
                case .key(let key): state.apply(.key(key))
                case .resize: state.apply(.resize(terminal.size))
                }
                dirty = true
                if state.quit { break }
            }
            let (events, flows) = inbox.withLock { inbox -> ([DashboardEvent], [FlowEnvelope]) in
                defer {
                    inbox.events.removeAll(keepingCapacity: true)
                    inbox.flows.removeAll(keepingCapacity: true)
                }
                return (inbox.events, inbox.flows)
            }
            for event in events { state.apply(event) }
            if !flows.isEmpty { state.apply(.flows(flows)) }
            if !events.isEmpty || !flows.isEmpty { dirty = true }
            let now = Date()
            if now.timeIntervalSince(lastDraw) >= 0.1 {
                state.apply(.tick(now))
                if dirty || state.pausedAt == nil {
                    terminal.draw(state.render(size: state.size))
                    lastDraw = now
                    dirty = false
                }
            }
        }
        return state
    }
}
