import FlowClient
import FlowModel
import FlowOutput
import Foundation
import GRPCCore
import HubbleAPI
import SwiftProtobuf
import Synchronization

/// Tells the user, on stderr and in the reference's node-status form, when a server is lost and
/// when it is back: `<time> [<server>]: 1 nodes are unavailable: <server>`, then
/// `Receiving flows from 1 nodes: <server>`. An outage is told once, however many retries it takes.
package final class ConnectionReports: Sendable {
    private let printer: LivePrinter
    private let servers: Int
    private let debug: Bool
    private let down = Mutex<Set<String>>([])
    private let output: OutputDestination

    package init(printer: LivePrinter, servers: Int, debug: Bool, output: OutputDestination = .standard) {
        self.printer = printer
        self.servers = servers
        self.debug = debug
        self.output = output
    }

    package func record(_ event: FanIn.Event) {
        switch event {
        case .connected(let source, let afterOutage):
            let wasDown = down.withLock { $0.remove(source) != nil }
            guard afterOutage || wasDown || debug else { return }
            printer.report(Self.status(.nodeConnected, source: source))
        case .unavailable(let source, let error, let retryIn):
            // A server that is not retried is named with its error when loupe ends.
            if retryIn == nil { return }
            guard down.withLock({ $0.insert(source).inserted }) else { return }
            if error.code == .unavailable, !error.answered {
                // Gone: nothing listens, the connection broke, or it closed the stream on its way down.
                printer.report(Self.status(.nodeUnavailable, source: source))
            } else {
                // It answered with a reason (a relay with no nodes, a server shedding load): say it.
                printer.report(Self.status(.nodeError, source: source, message: TerminalEscaper.escapedMessage(error.description)))
            }
        }
    }

    /// Events lost per server, when several were read.
    package func summarize(_ outcome: FanIn.Outcome, names: [String]) {
        guard servers > 1 else { return }
        for (name, lost) in zip(names, outcome.lostEvents) where lost > 0 {
            OutputSink.printError("loupe: \(NumberText.grouped(lost)) events lost on \(TerminalEscaper.escaped(name))", to: output)
        }
    }

    package static func status(_ state: Relay_NodeState, source: String, message: String = "") -> FlowEnvelope {
        var envelope = FlowEnvelope()
        envelope.nodeStatus.stateChange = state
        envelope.nodeStatus.nodeNames = [source]
        envelope.nodeStatus.message = message
        envelope.nodeName = source
        envelope.time = Google_Protobuf_Timestamp(date: Date())
        return envelope
    }
}
