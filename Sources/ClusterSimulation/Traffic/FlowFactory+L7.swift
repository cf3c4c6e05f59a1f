import FlowModel
import HubbleAPI
import SwiftProtobuf

/// Records of Cilium's proxies: DNS queries and answers, HTTP requests and responses.
extension FlowFactory {
    /// The DNS proxy's record of a query (`dns-request proxy`).
    mutating func dnsRequest(_ packet: Packet, node: String, query: String, type: String) -> Flow {
        var flow = base(packet, node: node, withEthernet: false)
        if let pod = packet.source.pod, pod.node == node { flow.source = packet.source.localEndpoint }
        flow.verdict = .forwarded
        flow.type = .l7
        flow.eventType.type = 129
        flow.trafficDirection = .egress
        flow.isReply = .init(false)
        flow.l7.type = .request
        flow.l7.dns.query = query
        flow.l7.dns.observationSource = "proxy"
        flow.l7.dns.qtypes = [type]
        flow.summary = "DNS Query \(query) \(type)"
        return flow
    }

    /// The DNS proxy's record of the answer (`dns-response proxy`).
    mutating func dnsResponse(
        _ packet: Packet, node: String, query: String, type: String, answer: [String], rcode: UInt32, latency: UInt64
    ) -> Flow {
        var flow = base(packet, node: node, withEthernet: false)
        if let pod = packet.destination.pod, pod.node == node { flow.destination = packet.destination.localEndpoint }
        flow.verdict = .forwarded
        flow.type = .l7
        flow.eventType.type = 129
        flow.trafficDirection = .egress
        flow.isReply = .init(true)
        flow.reply = true
        flow.l7.type = .response
        flow.l7.latencyNs = latency
        flow.l7.dns.query = query
        flow.l7.dns.ips = answer
        let ttl: UInt32 = rcode == 0 ? 30 : 0
        flow.l7.dns.ttl = ttl
        flow.l7.dns.rcode = rcode
        flow.l7.dns.observationSource = "proxy"
        flow.l7.dns.qtypes = [type]
        if !answer.isEmpty { flow.l7.dns.rrtypes = [type] }
        // The IANA names of response codes, as Cilium's DNS records give them.
        let names: [UInt32: String] = [1: "Format Error", 2: "Server Failure", 3: "Non-Existent Domain", 4: "Not Implemented", 5: "Query Refused"]
        let result = rcode != 0 ? "RCode: \(names[rcode] ?? "\(rcode)")" : answer.map { "\"\($0)\"" }.joined(separator: ",")
        flow.summary = "DNS Answer \(result) TTL: \(ttl) (Proxy \(query) \(type))"
        return flow
    }

    /// The L7 proxy's record of an HTTP request, at the node that enforces visibility (the server's).
    mutating func httpRequest(
        _ packet: Packet, node: String, method: String, url: String, host: String, direction: Flow_TrafficDirection = .ingress, denied: Bool = false
    ) -> Flow {
        var flow = l7Base(packet, node: node, direction: direction)
        if denied { flow.verdict = .dropped }
        if let pod = packet.destination.pod, pod.node == node { flow.destination = packet.destination.localEndpoint }
        if let pod = packet.source.pod, pod.node == node, direction == .egress { flow.source = packet.source.localEndpoint }
        flow.isReply = .init(false)
        flow.l7.type = .request
        flow.l7.http.method = method
        flow.l7.http.url = url
        flow.l7.http.protocol = "HTTP/1.1"
        flow.l7.http.headers = [Self.header(":authority", host), Self.header("Accept", "*/*"), Self.header("User-Agent", "curl/8.5.0")]
        flow.summary = "HTTP/1.1 \(method) \(url)"
        return flow
    }

    /// The L7 proxy's record of the response to `request`.
    mutating func httpResponse(
        _ packet: Packet, node: String, method: String, url: String, code: UInt32, latency: UInt64, direction: Flow_TrafficDirection = .ingress
    ) -> Flow {
        var flow = l7Base(packet, node: node, direction: direction)
        if let pod = packet.source.pod, pod.node == node { flow.source = packet.source.localEndpoint }
        flow.isReply = .init(true)
        flow.reply = true
        flow.l7.type = .response
        flow.l7.latencyNs = latency
        flow.l7.http.code = code
        flow.l7.http.method = method
        flow.l7.http.url = url
        flow.l7.http.protocol = "HTTP/1.1"
        flow.l7.http.headers = code == 403
            ? [Self.header("Content-Type", "text/plain"), Self.header("X-Request-Id", random.uuid())]
            : [Self.header("Content-Type", "application/json"), Self.header("X-Request-Id", random.uuid())]
        flow.summary = "HTTP/1.1 \(code) \(latency / 1_000_000)ms (\(method) \(url))"
        return flow
    }

    private mutating func l7Base(_ packet: Packet, node: String, direction: Flow_TrafficDirection) -> Flow {
        var bare = packet
        bare.flags = Flow_TCPFlags()
        var flow = base(bare, node: node, withEthernet: false)
        flow.l4.tcp.clearFlags()
        flow.verdict = .forwarded
        flow.type = .l7
        flow.eventType.type = 129
        flow.trafficDirection = direction
        return flow
    }

    static func header(_ key: String, _ value: String) -> Flow_HTTPHeader {
        var header = Flow_HTTPHeader()
        header.key = key
        header.value = value
        return header
    }
}
