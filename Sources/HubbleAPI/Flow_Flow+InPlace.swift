import SwiftProtobuf

/// Reads of single values deep in a flow without copying the sub-messages around them.
///
/// The generated getters return a copy of the sub-message (`flow.source` copies the endpoint with its
/// strings and arrays, a retain and a release each; even `hasSource` does), which dominates the cost
/// of a matcher or formatter that reads a few fields of many flows. Inside this module the storage can
/// be borrowed, so `flow.sourceNamespaceIfSet` copies the namespace string and nothing else. `nil`
/// means the sub-message is not set.
///
/// These rely on `dev/generate-protos.sh` leaving `Flow_Flow`'s storage visible inside this module.
extension Flow_Flow {
    // The sub-messages, borrowed; used only here, where the coroutine is inlined.
    var sourceInPlace: Flow_Endpoint? { _read { yield _storage._source } }
    var destinationInPlace: Flow_Endpoint? { _read { yield _storage._destination } }
    var ipInPlace: Flow_IP? { _read { yield _storage._ip } }
    var l4InPlace: Flow_Layer4? { _read { yield _storage._l4 } }
    var l7InPlace: Flow_Layer7? { _read { yield _storage._l7 } }

    public var hasSourceInPlace: Bool { sourceInPlace != nil }
    public var hasDestinationInPlace: Bool { destinationInPlace != nil }

    // MARK: Endpoints

    public var sourceNamespaceIfSet: String? { sourceInPlace?.namespace }
    public var destinationNamespaceIfSet: String? { destinationInPlace?.namespace }
    public var sourcePodNameIfSet: String? { sourceInPlace?.podName }
    public var destinationPodNameIfSet: String? { destinationInPlace?.podName }
    public var sourceIdentityIfSet: UInt32? { sourceInPlace?.identity }
    public var destinationIdentityIfSet: UInt32? { destinationInPlace?.identity }
    public var sourceLabelsIfSet: [String]? { sourceInPlace?.labels }
    public var destinationLabelsIfSet: [String]? { destinationInPlace?.labels }
    public var sourceClusterNameIfSet: String? { sourceInPlace?.clusterName }
    public var destinationClusterNameIfSet: String? { destinationInPlace?.clusterName }
    public var sourceWorkloadsIfSet: [Flow_Workload]? { sourceInPlace?.workloads }
    public var destinationWorkloadsIfSet: [Flow_Workload]? { destinationInPlace?.workloads }

    /// The service's namespace and name.
    public var sourceServiceIfSet: (namespace: String, name: String)? {
        _storage._sourceService.map { ($0.namespace, $0.name) }
    }
    public var destinationServiceIfSet: (namespace: String, name: String)? {
        _storage._destinationService.map { ($0.namespace, $0.name) }
    }

    // MARK: IP

    public var ipSourceIfSet: String? { ipInPlace?.source }
    public var ipDestinationIfSet: String? { ipInPlace?.destination }
    public var ipSourceXlatedIfSet: String? { ipInPlace?.sourceXlated }
    public var ipVersionIfSet: Flow_IPVersion? { ipInPlace?.ipVersion }
    public var ipEncryptedIfSet: Bool? { ipInPlace?.encrypted }

    // MARK: L4

    /// The L4 protocol that is set.
    public enum L4Kind: Sendable { case tcp, udp, icmpv4, icmpv6, sctp, vrrp, igmp }

    public var l4KindIfSet: L4Kind? {
        switch l4InPlace?.protocol {
        case .tcp?: .tcp
        case .udp?: .udp
        case .icmpv4?: .icmpv4
        case .icmpv6?: .icmpv6
        case .sctp?: .sctp
        case .vrrp?: .vrrp
        case .igmp?: .igmp
        case nil: nil
        }
    }

    /// The TCP, UDP or SCTP source port.
    public var sourcePortIfSet: UInt32? {
        switch l4InPlace?.protocol {
        case .tcp(let tcp)?: tcp.sourcePort
        case .udp(let udp)?: udp.sourcePort
        case .sctp(let sctp)?: sctp.sourcePort
        default: nil
        }
    }

    /// The TCP, UDP or SCTP destination port.
    public var destinationPortIfSet: UInt32? {
        switch l4InPlace?.protocol {
        case .tcp(let tcp)?: tcp.destinationPort
        case .udp(let udp)?: udp.destinationPort
        case .sctp(let sctp)?: sctp.destinationPort
        default: nil
        }
    }

    /// The flags of a TCP packet that has them.
    public var tcpFlagsIfSet: Flow_TCPFlags? {
        guard case .tcp(let tcp)? = l4InPlace?.protocol, tcp.hasFlags else { return nil }
        return tcp.flags
    }

    // MARK: L7

    /// The L7 record that is set.
    public enum L7Kind: Sendable { case dns, http, kafka }

    public var l7KindIfSet: L7Kind? {
        switch l7InPlace?.record {
        case .dns?: .dns
        case .http?: .http
        case .kafka?: .kafka
        case nil: nil
        }
    }

    public var httpCodeIfSet: UInt32? {
        guard case .http(let http)? = l7InPlace?.record else { return nil }
        return http.code
    }

    public var httpMethodIfSet: String? {
        guard case .http(let http)? = l7InPlace?.record else { return nil }
        return http.method
    }

    public var httpURLIfSet: String? {
        guard case .http(let http)? = l7InPlace?.record else { return nil }
        return http.url
    }

    public var httpHeadersIfSet: [Flow_HTTPHeader]? {
        guard case .http(let http)? = l7InPlace?.record else { return nil }
        return http.headers
    }

    public var dnsQueryIfSet: String? {
        guard case .dns(let dns)? = l7InPlace?.record else { return nil }
        return dns.query
    }

    public var dnsRcodeIfSet: UInt32? {
        guard case .dns(let dns)? = l7InPlace?.record else { return nil }
        return dns.rcode
    }

    // MARK: Scalars in small messages

    public var eventTypeIfSet: (type: Int32, subType: Int32)? { _storage._eventType.map { ($0.type, $0.subType) } }
    public var isReplyIfSet: Bool? { _storage._isReply?.value }
    public var timeIfSet: Google_Protobuf_Timestamp? { _storage._time }
    public var interfaceIfSet: (index: UInt32, name: String)? { _storage._interface.map { ($0.index, $0.name) } }
    public var traceIDIfSet: String? { _storage._traceContext?.parent.traceID }
    public var ipTraceIDIfSet: UInt64? { _storage._ipTraceID?.traceID }
}
