import FlowModel
import HubbleAPI
import PolicyEngine

/// The HTTP exchange of a connection, as the L7 proxy records it and as its rules judge it.
extension Conversation {
    /// Where the L7 proxy sees a connection's HTTP: the server's node (ingress rules, or visibility
    /// when the scenario declares the traffic's requests) or the client's (egress rules), with the
    /// rules that apply; `nil` when no proxy sees it.
    struct HTTPExchange {
        var requests: Scenario.HTTPRequests
        var node: String
        var direction: Flow_TrafficDirection
        var rules: [ProxyPolicy]
    }

    func httpExchange(_ decision: PolicyVerdict, targetNode: String?) -> HTTPExchange? {
        let requests = traffic.http ?? Scenario.HTTPRequests(paths: ["/"], methods: ["GET"])
        let rules = [decision.egressProxy, decision.ingressProxy].compactMap { $0 }.filter(\.parsesHTTP)
        if decision.ingressProxy?.parsesHTTP == true, let node = targetNode {
            return HTTPExchange(requests: requests, node: node, direction: .ingress, rules: rules)
        }
        if decision.egressProxy?.parsesHTTP == true {
            return HTTPExchange(requests: requests, node: clientNode, direction: .egress, rules: rules)
        }
        guard traffic.http != nil, let node = targetNode else { return nil }
        return HTTPExchange(requests: requests, node: node, direction: .ingress, rules: [])
    }

    /// The request and its response as the L7 proxy records them, between the client's data and
    /// the server's. A request no rule allows is answered by the proxy: 403 "Access denied".
    mutating func exchangeHTTP(_ exchange: HTTPExchange, request: FlowFactory.Packet, with factory: inout FlowFactory) {
        let http = exchange.requests
        let path = http.paths[requestIndex % http.paths.count]
        let method = http.methods[requestIndex / http.paths.count % http.methods.count]
        let port = traffic.port == 80 ? "" : ":\(traffic.port)"
        let url = "http://\(traffic.to)\(port)\(path)"
        // Both ends' proxies judge the request in turn.
        let asked = HTTPRequest(method: method, path: path, host: traffic.to)
        let denied = exchange.rules.contains { $0.parsesHTTP && $0.permit(asked) == nil }
        emit(factory.httpRequest(request, node: exchange.node, method: method, url: url, host: traffic.to, direction: exchange.direction, denied: denied))
        let latency = denied ? UInt64(100_000 + factory.random.next() % 400_000) : 500_000 + UInt64(factory.random.next() % 8_000_000)
        clock += Int64(latency)
        let roll = factory.random.next() % 100
        let code: UInt32 = denied ? 403 : roll < 4 ? 503 : roll < 9 ? 404 : 200
        emit(factory.httpResponse(request.reversed(), node: exchange.node, method: method, url: url, code: code, latency: latency, direction: exchange.direction))
        advance(100_000, &factory)
    }
}
