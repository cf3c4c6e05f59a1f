import FlowModel
import SwiftProtobuf

/// The values filters compare, with Hubble's rules for what is absent. Both the FlowFilter semantics
/// and the expression language read flows through these, so they agree on every edge.
extension Flow {
    /// The endpoint of one side, `nil` when the flow has none.
    @inline(__always)
    func endpoint(_ side: Side) -> Flow_Endpoint? {
        switch side {
        case .source: hasSource ? source : nil
        case .destination: hasDestination ? destination : nil
        }
    }

    /// The TCP, UDP or SCTP port of one side; `nil` for other L4 protocols and flows without L4.
    @inline(__always)
    func port(_ side: Side) -> UInt32? {
        guard hasL4 else { return nil }
        switch l4.protocol {
        case .tcp(let tcp)?: return side == .source ? tcp.sourcePort : tcp.destinationPort
        case .udp(let udp)?: return side == .source ? udp.sourcePort : udp.destinationPort
        case .sctp(let sctp)?: return side == .source ? sctp.sourcePort : sctp.destinationPort
        default: return nil
        }
    }

    /// The IP address string of one side; `nil` when empty.
    @inline(__always)
    func address(_ side: Side) -> String? {
        guard hasIp else { return nil }
        let text = side == .source ? ip.source : ip.destination
        return text.isEmpty ? nil : text
    }

    /// The translated source address; `nil` when empty.
    var translatedSourceAddress: String? {
        guard hasIp, !ip.sourceXlated.isEmpty else { return nil }
        return ip.sourceXlated
    }

    /// The service of one side, `nil` when it has neither name nor namespace.
    func service(_ side: Side) -> Flow_Service? {
        switch side {
        case .source: hasSourceService ? sourceService : nil
        case .destination: hasDestinationService ? destinationService : nil
        }
    }

    func names(_ side: Side) -> [String] { side == .source ? sourceNames : destinationNames }

    /// Whether the flow is a reply; `nil` when that is unknown (no `is_reply`, and not a drop, whose
    /// missing `is_reply` counts as false).
    var replyValue: Bool? {
        if hasIsReply { return isReply.value }
        return verdict == .dropped ? false : nil
    }

    /// The drop reason of a dropped flow.
    var dropReasonValue: Flow_DropReason? { verdict == .dropped ? dropReasonDesc : nil }

    var httpRecord: Flow_HTTP? {
        guard hasL7, case .http(let http)? = l7.record else { return nil }
        return http
    }

    var dnsRecord: Flow_DNS? {
        guard hasL7, case .dns(let dns)? = l7.record else { return nil }
        return dns
    }

    /// The HTTP status code of an HTTP record with a code.
    var httpStatusValue: UInt32? {
        guard let http = httpRecord, http.code != 0 else { return nil }
        return http.code
    }

    /// The path of the HTTP URL read as a request URI (`/a/b` of `http://h/a/b?q`).
    var httpPathValue: String? {
        guard let http = httpRecord, !http.url.isEmpty else { return nil }
        return RequestURI.path(of: http.url)
    }

    var tcpFlagsValue: Flow_TCPFlags? {
        guard hasL4, case .tcp(let tcp)? = l4.protocol, tcp.hasFlags else { return nil }
        return tcp.flags
    }

    var ipVersionValue: Flow_IPVersion { hasIp ? ip.ipVersion : .ipNotUsed }
    var encryptedValue: Bool { hasIp ? ip.encrypted : false }
    var traceIDValue: String { hasTraceContext ? traceContext.parent.traceID : "" }
    var ipTraceIDValue: UInt64 { hasIpTraceID ? ipTraceID.traceID : 0 }
}

/// One side of a flow.
public enum Side: Sendable, Hashable {
    case source, destination

    /// `source` / `destination`, as the reference's error texts name the side.
    var word: String { self == .source ? "source" : "destination" }
}
