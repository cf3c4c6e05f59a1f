import FlowModel
import GRPCCore
import HubbleAPI
import HubbleServices

/// `peer.Peer/Notify`: one PEER_ADDED per node this agent serves, then the stream stays open
/// until the caller or the server ends it (a simulated cluster's nodes do not change).
public struct PeerService: Peer_Peer.ServiceProtocol {
    let hub: FlowHub
    let description: AgentDescription

    public init(hub: FlowHub, description: AgentDescription) {
        self.hub = hub
        self.description = description
    }

    public func notify(
        request: ServerRequest<Peer_NotifyRequest>, context: ServerContext
    ) async throws -> StreamingServerResponse<Peer_ChangeNotification> {
        let description = self.description
        let hub = self.hub
        var headers = Metadata()
        for (key, value) in description.headers { headers.addString(value, forKey: key) }
        return StreamingServerResponse(metadata: headers) { writer in
            let added = description.nodes.map { node in
                var change = Peer_ChangeNotification()
                change.name = node.name
                change.address = node.address
                change.type = .peerAdded
                if description.tls { change.tls.serverName = node.tlsServerName }
                return change
            }
            try await writer.write(contentsOf: added)
            while !Task.isCancelled && !hub.isClosed {
                await hub.waitForEvents(at: .max)
            }
            return [:]
        }
    }
}
