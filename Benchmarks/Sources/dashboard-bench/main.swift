import ClusterSimulation
import Dashboard
import FlowModel
import Foundation
import HubbleAPI

// The dashboard's cost at a given input rate, in process, without a terminal: one simulated second
// is FLOWS_PER_SEC flows taken in batches (as the runner takes them, every 50 ms) plus ten redraws
// of the flows view at 120×40; the figure is the CPU time that second costs. A key press is one
// update and one redraw: its cost shows how long a key waits at that load.
// Usage: dashboard-bench [FLOWS_PER_SEC] [SECONDS]   (default 100000 flows/s for 5 s)

let rate = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 100_000 : 100_000
let seconds = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 5 : 5

var simulator = TrafficSimulator(scenario: SeedScenario.load(), seed: 1, start: 1_745_753_171_000_000_000)
let flows = simulator.next(rate).map { FlowEnvelope(flow: $0) }
let size = Size(width: 120, height: 40)
var state = DashboardState(size: size, now: Date(), filter: "verdict == DROPPED or ns == echo")
let batch = rate / 20

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

var perSecond: [Double] = []
for second in 0..<seconds {
    let start = now()
    for tick in 0..<20 {
        state.apply(.flows(Array(flows[(tick * batch)..<((tick + 1) * batch)])))
        if tick % 2 == 1 {
            state.apply(.tick(Date(timeIntervalSinceNow: Double(second))))
            _ = state.render(size: size)
        }
    }
    perSecond.append(now() - start)
}
let keyStart = now()
for key: Key in [.character("2"), .character("3"), .character("1"), .up, .enter, .escape, .end] {
    state.apply(.key(key))
    _ = state.render(size: size)
}
let key = (now() - keyStart) / 7
let best = perSecond.min()!
print(String(format: "%d flows/s with 10 redraws/s: %.0f ms of CPU per second (%.0f%% of a core; best of %d)", rate, best * 1000, best * 100, seconds))
print(String(format: "a key press (update and redraw, any view) at that load: %.1f ms", key * 1000))
print("history held: \(state.history.count) flows (limit \(state.historyLimit))")
