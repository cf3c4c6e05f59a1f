import HubbleAPI
import SwiftProtobuf

/// One record of a flow stream: a `GetFlowsResponse` holding a flow, a lost-events notice or a node
/// status, with the node that sent it and when. The generated message is the model: it is lossless for
/// every field of our .proto and decodes from gRPC without conversion.
public typealias FlowEnvelope = Observer_GetFlowsResponse

/// A flow, as Hubble defines it.
public typealias Flow = Flow_Flow

extension FlowEnvelope {
    /// Wraps a bare flow the way a server would send it.
    public init(flow: Flow) {
        self.init()
        self.flow = flow
        self.nodeName = flow.nodeName
        if flow.hasTime { self.time = flow.time }
    }
}
