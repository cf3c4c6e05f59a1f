import FlowModel
import HubbleAPI
import SwiftProtobuf

/// The values filters compare, with Hubble's rules for what is absent. Both the FlowFilter semantics
/// and the expression language read flows through these, so they agree on every edge. Sub-messages
/// are read in place (`sourceIfSet`), never copied whole.
extension Flow {
    @inline(__always)
    func namespace(_ side: Side) -> String? { side == .source ? sourceNamespaceIfSet : destinationNamespaceIfSet }

    @inline(__always)
    func podName(_ side: Side) -> String? { side == .source ? sourcePodNameIfSet : destinationPodNameIfSet }

    @inline(__always)
    func identity(_ side: Side) -> UInt32? { side == .source ? sourceIdentityIfSet : destinationIdentityIfSet }

    func labels(_ side: Side) -> [String]? { side == .source ? sourceLabelsIfSet : destinationLabelsIfSet }

    func clusterName(_ side: Side) -> String? { side == .source ? sourceClusterNameIfSet : destinationClusterNameIfSet }

    func workloads(_ side: Side) -> [Flow_Workload]? { side == .source ? sourceWorkloadsIfSet : destinationWorkloadsIfSet }

    /// The TCP, UDP or SCTP port of one side; `nil` for other L4 protocols and flows without L4.
    @inline(__always)
    func port(_ side: Side) -> UInt32? { side == .source ? sourcePortIfSet : destinationPortIfSet }

    /// The IP address string of one side; `nil` when empty.
    @inline(__always)
    func address(_ side: Side) -> String? {
        guard let text = side == .source ? ipSourceIfSet : ipDestinationIfSet, !text.isEmpty else { return nil }
        return text
    }

    /// The translated source address; `nil` when empty.
    var translatedSourceAddress: String? {
        guard let text = ipSourceXlatedIfSet, !text.isEmpty else { return nil }
        return text
    }

    /// The namespace and name of the service of one side, `nil` when there is no service message.
    func service(_ side: Side) -> (namespace: String, name: String)? {
        side == .source ? sourceServiceIfSet : destinationServiceIfSet
    }

    func names(_ side: Side) -> [String] { side == .source ? sourceNames : destinationNames }

    /// Whether the flow is a reply as Hubble's `--is-reply` flag decides it; `nil` when that is
    /// unknown (no `is_reply`, and not a drop, whose missing `is_reply` counts as false, as in Cilium's
    /// pkg/hubble/filters/reply.go). Expressions read `isReplyIfSet`: absent data compares false.
    var replyValue: Bool? {
        if let isReply = isReplyIfSet { return isReply }
        return verdict == .dropped ? false : nil
    }

    /// The drop reason of a dropped flow.
    var dropReasonValue: Flow_DropReason? { verdict == .dropped ? dropReasonDesc : nil }

    /// The HTTP status code of an HTTP record with a code.
    var httpStatusValue: UInt32? {
        guard let code = httpCodeIfSet, code != 0 else { return nil }
        return code
    }

    /// The path of the HTTP URL read as a request URI (`/a/b` of `http://h/a/b?q`).
    var httpPathValue: String? {
        guard let url = httpURLIfSet, !url.isEmpty else { return nil }
        return RequestURI.path(of: url)
    }

    var ipVersionValue: Flow_IPVersion { ipVersionIfSet ?? .ipNotUsed }
    var encryptedValue: Bool { ipEncryptedIfSet ?? false }
    var traceIDValue: String { traceIDIfSet ?? "" }
    var ipTraceIDValue: UInt64 { ipTraceIDIfSet ?? 0 }

    /// The L4 protocol's filter name (`tcp`, `icmpv4`, …).
    var l4ProtocolName: String? {
        switch l4KindIfSet {
        case .tcp?: "tcp"
        case .udp?: "udp"
        case .sctp?: "sctp"
        case .icmpv4?: "icmpv4"
        case .icmpv6?: "icmpv6"
        case .vrrp?: "vrrp"
        case .igmp?: "igmp"
        case nil: nil
        }
    }

    /// The L7 record's filter name (`http`, `dns`, `kafka`).
    var l7ProtocolName: String? {
        switch l7KindIfSet {
        case .http?: "http"
        case .dns?: "dns"
        case .kafka?: "kafka"
        case nil: nil
        }
    }
}

/// One side of a flow.
public enum Side: Sendable, Hashable {
    case source, destination

    /// `source` / `destination`, as the reference's error texts name the side.
    var word: String { self == .source ? "source" : "destination" }
}
