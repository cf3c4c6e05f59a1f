import FlowModel
import Foundation
import HubbleAPI

/// Everything that changes the dashboard: a key, a new terminal size, a batch of flows from the
/// stream, the clock, a change in a server's connection or its nodes, the colours the terminal can show, and the
/// end (a signal, or the program stopping it).
public enum DashboardEvent: Sendable {
    case key(Key)
    case resize(Size)
    case flows([FlowEnvelope])
    case tick(Date)
    case connection(ServerState)
    /// The nodes a server describes (GetNodes).
    case nodes([NodeState])
    case colors(DashboardState.ColorMode)
    case quit
}

/// A key press, decoded from the terminal.
public enum Key: Sendable, Hashable {
    case character(Character)
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab, backTab
}

/// The terminal's size in cells.
public struct Size: Sendable, Hashable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// One server's connection as the Nodes view and the header show it.
public struct ServerState: Sendable, Hashable {
    public enum Connection: String, Sendable, Hashable {
        case connecting, connected, unavailable, error, closed
    }

    public var server: String
    public var connection: Connection
    public var message: String?
    /// From the server's last ServerStatus, when known.
    public var numFlows: UInt64?
    public var maxFlows: UInt64?
    public var flowsRate: Double?
    public var version: String?

    public init(server: String, connection: Connection, message: String? = nil) {
        self.server = server
        self.connection = connection
        self.message = message
    }
}
