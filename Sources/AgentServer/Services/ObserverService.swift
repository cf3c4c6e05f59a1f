import FlowModel
import Foundation
import GRPCCore
import HubbleAPI
import HubbleServices
import SwiftProtobuf

/// `observer.Observer` as a Cilium agent serves it (`protocol.md` §7, §9), over one hub. An agent
/// that serves several nodes of a simulated cluster also answers GetNodes, as a relay would.
public struct ObserverService: Observer_Observer.ServiceProtocol {
    let hub: FlowHub
    let description: AgentDescription

    public init(hub: FlowHub, description: AgentDescription) {
        self.hub = hub
        self.description = description
    }

    var headers: Metadata {
        var metadata = Metadata()
        for (key, value) in description.headers { metadata.addString(value, forKey: key) }
        return metadata
    }

    public func getFlows(
        request: ServerRequest<Observer_GetFlowsRequest>, context: ServerContext
    ) async throws -> StreamingServerResponse<Observer_GetFlowsResponse> {
        stream(try flowsQuery(request.message, masksFlows: true)) { streamer, writer in
            try await streamer.run(into: writer) { $0 }
        }
    }

    /// The GetFlows stream of `request` as encoded responses (`FlowResponseEncoder`).
    func encodedFlowResponse(for message: Observer_GetFlowsRequest) throws -> StreamingServerResponse<EncodedResponse> {
        let query = try flowsQuery(message, masksFlows: false)
        let encoder = FlowResponseEncoder(hub: hub, mask: query.mask)
        return stream(query) { streamer, writer in
            streamer.keptEncodings = encoder.key
            try await streamer.run { batch in
                try await writer.write(contentsOf: encoder.encode(batch).map(EncodedResponse.init(bytes:)))
            }
        }
    }

    /// The request as a query; a bad one is an RPC error.
    func flowsQuery(_ message: Observer_GetFlowsRequest, masksFlows: Bool) throws -> GetFlowsQuery {
        var query: GetFlowsQuery
        do {
            query = try GetFlowsQuery(message)
        } catch {
            throw RPCError(code: error.code == .invalidArgument ? .invalidArgument : .unknown, message: error.message, metadata: headers)
        }
        query.masksFlows = masksFlows
        return query
    }

    /// The streamer of `query`: an agent of several nodes first says which it reads, as Hubble
    /// Relay does.
    func streamer(for query: GetFlowsQuery) -> FlowStreamer {
        var streamer = FlowStreamer(hub: hub, query: query)
        streamer.connectedNodes = description.nodes.count > 1 ? description.nodes.map(\.name) : []
        return streamer
    }

    /// A response streaming `query` from the hub through `body`.
    private func stream<Element: Sendable>(
        _ query: GetFlowsQuery, _ body: @escaping @Sendable (inout FlowStreamer, RPCWriter<Element>) async throws -> Void
    ) -> StreamingServerResponse<Element> {
        let start = streamer(for: query)
        return StreamingServerResponse(metadata: headers) { writer in
            var streamer = start
            try await body(&streamer, writer)
            return [:]
        }
    }

    public func getAgentEvents(
        request: ServerRequest<Observer_GetAgentEventsRequest>, context: ServerContext
    ) async throws -> StreamingServerResponse<Observer_GetAgentEventsResponse> {
        throw RPCError(code: .unimplemented, message: "GetAgentEvents not implemented: loupe-agent records no agent events", metadata: headers)
    }

    public func getDebugEvents(
        request: ServerRequest<Observer_GetDebugEventsRequest>, context: ServerContext
    ) async throws -> StreamingServerResponse<Observer_GetDebugEventsResponse> {
        throw RPCError(code: .unimplemented, message: "GetDebugEvents not implemented: loupe-agent records no debug events", metadata: headers)
    }

    public func getNodes(
        request: ServerRequest<Observer_GetNodesRequest>, context: ServerContext
    ) async throws -> ServerResponse<Observer_GetNodesResponse> {
        let status = hub.status()
        let flowsPerNode = hub.withRing { ring -> [String: UInt64] in
            var counts: [String: UInt64] = [:]
            var position = ring.oldest
            while position < ring.written {
                if case .flow(let flow)? = ring[position] { counts[flow.nodeName, default: 0] += 1 }
                position += 1
            }
            return counts
        }
        var response = Observer_GetNodesResponse()
        response.nodes = description.nodes.map { node in
            var entry = Observer_Node()
            entry.name = node.name
            entry.version = description.serverVersion
            entry.address = node.address
            entry.state = .nodeConnected
            entry.tls.enabled = description.tls
            if description.tls { entry.tls.serverName = node.tlsServerName }
            entry.uptimeNs = status.uptimeNanoseconds
            entry.numFlows = description.nodes.count == 1 ? status.numFlows : flowsPerNode[node.name, default: 0]
            entry.maxFlows = status.maxFlows
            // Each node's own count since start, not its share of the ring (which stops growing once
            // the ring is full, so a rate over the uptime would fall).
            entry.seenFlows = description.nodes.count == 1 ? status.seenFlows : status.seenFlowsPerNode[node.name, default: 0]
            return entry
        }
        return ServerResponse(message: response, metadata: headers)
    }

    public func getNamespaces(
        request: ServerRequest<Observer_GetNamespacesRequest>, context: ServerContext
    ) async throws -> ServerResponse<Observer_GetNamespacesResponse> {
        var response = Observer_GetNamespacesResponse()
        response.namespaces = hub.namespaces().map { entry in
            var namespace = Observer_Namespace()
            namespace.cluster = entry.cluster
            namespace.namespace = entry.namespace
            return namespace
        }
        return ServerResponse(message: response, metadata: headers)
    }

    public func serverStatus(
        request: ServerRequest<Observer_ServerStatusRequest>, context: ServerContext
    ) async throws -> ServerResponse<Observer_ServerStatusResponse> {
        let status = hub.status()
        var response = Observer_ServerStatusResponse()
        response.numFlows = status.numFlows
        response.maxFlows = status.maxFlows
        response.seenFlows = status.seenFlows
        response.uptimeNs = status.uptimeNanoseconds
        response.version = description.serverVersion
        response.flowsRate = status.flowsRate
        if description.nodes.count > 1 {
            response.numConnectedNodes = Google_Protobuf_UInt32Value(UInt32(description.nodes.count))
            response.numUnavailableNodes = Google_Protobuf_UInt32Value(0)
        }
        return ServerResponse(message: response, metadata: headers)
    }
}
