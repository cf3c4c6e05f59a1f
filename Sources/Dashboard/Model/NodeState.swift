import HubbleAPI

/// One node behind a server (a relay's peers, or the nodes an agent serves): its state from the
/// stream's node status records and its buffer from GetNodes.
public struct NodeState: Sendable, Hashable {
    public var name: String
    public var connection: ServerState.Connection?
    public var message: String?
    public var numFlows: UInt64?
    public var maxFlows: UInt64?

    public init(name: String, connection: ServerState.Connection? = nil, message: String? = nil) {
        self.name = name
        self.connection = connection
        self.message = message
    }

    /// A node as GetNodes describes it.
    public init(_ node: Observer_Node) {
        self.init(name: node.name, connection: Self.connection(node.state))
        numFlows = node.numFlows
        maxFlows = node.maxFlows
    }

    static func connection(_ state: Relay_NodeState) -> ServerState.Connection? {
        switch state {
        case .nodeConnected: .connected
        case .nodeUnavailable: .unavailable
        case .nodeError: .error
        case .nodeGone: .closed
        default: nil
        }
    }

    /// What is known now, over what was known before.
    func updated(with newer: NodeState) -> NodeState {
        var merged = self
        merged.connection = newer.connection ?? connection
        merged.message = newer.message ?? message
        merged.numFlows = newer.numFlows ?? numFlows
        merged.maxFlows = newer.maxFlows ?? maxFlows
        return merged
    }
}
