import FlowModel
import Foundation
import HubbleAPI

/// What was seen of one conversation: flows by verdict, why drops happened, the policies the
/// flows name, the layer 7 requests, when. Bounded whatever the number of flows: at most
/// `maximumRequests` distinct requests and `maximumPolicies` policies are kept, the rest counted.
public struct EdgeStats: Sendable, Equatable {
    public static let maximumRequests = 32
    public static let maximumPolicies = 16

    public var flows = 0
    /// Flows by verdict, indexed by `Flow_Verdict`'s raw value (0 to 7).
    public var verdicts = [Int](repeating: 0, count: 8)
    /// Drops by reason code (`Flow_DropReason`'s numbers: 133 is POLICY_DENIED).
    public var dropReasons: [Int: Int] = [:]
    public var policies: Set<PolicyUse> = []
    /// L7 requests by `METHOD /path` (HTTP) or `DNS name` (DNS), and their count.
    public var requests: [String: Int] = [:]
    /// Requests not kept once `maximumRequests` distinct ones are.
    public var otherRequests = 0
    /// The requests of `requests` that a proxy refused (their request flow DROPPED).
    public var refusedRequests: Set<String> = []
    /// Nanoseconds since the epoch of the first and last flow (0 when no flow had a time).
    public var firstSeen: Int64 = 0
    public var lastSeen: Int64 = 0

    public init() {}

    /// A policy a flow names as allowing or denying it.
    public struct PolicyUse: Hashable, Sendable, Comparable {
        public var effect: String
        public var kind: String
        public var namespace: String
        public var name: String

        public static func < (a: PolicyUse, b: PolicyUse) -> Bool {
            (a.effect, a.namespace, a.name, a.kind) < (b.effect, b.namespace, b.name, b.kind)
        }

        /// `allowed by echo/allow-universe-to-echo`.
        public var label: String { "\(effect) by \(namespace.isEmpty ? "" : namespace + "/")\(name)" }
    }

    public func count(_ verdict: Flow_Verdict) -> Int {
        let index = verdict.rawValue
        return verdicts.indices.contains(index) ? verdicts[index] : 0
    }

    /// Whether a policy dropped some of it: Cilium's drop reasons 133 (POLICY_DENIED) and 181
    /// (POLICY_DENY, a deny rule).
    public var policyDropped: Bool { dropReasons[133, default: 0] > 0 || dropReasons[181, default: 0] > 0 }

    /// Flows that were neither forwarded nor dropped (traced, translated, audited, redirected, errors).
    public var otherVerdicts: Int { flows - count(.forwarded) - count(.dropped) }

    mutating func add(_ flow: Flow, time: Int64) {
        flows += 1
        let verdict = flow.verdict.rawValue
        verdicts[verdicts.indices.contains(verdict) ? verdict : 0] += 1
        if flow.verdict == .dropped {
            // The enum, else the deprecated number (the same codes), as hubble reads them.
            let code = flow.dropReasonDesc != .unknown ? flow.dropReasonDesc.rawValue : Int(flow.dropReason)
            dropReasons[code, default: 0] += 1
        }
        // No list is built: most flows name no policy.
        if policies.count < Self.maximumPolicies {
            note(flow.ingressAllowedBy, "allowed")
            note(flow.egressAllowedBy, "allowed")
            note(flow.ingressDeniedBy, "denied")
            note(flow.egressDeniedBy, "denied")
        }
        if let request = Self.request(flow) {
            if requests[request] != nil || requests.count < Self.maximumRequests {
                requests[request, default: 0] += 1
                if flow.verdict == .dropped { refusedRequests.insert(request) }
            } else {
                otherRequests += 1
            }
        }
        if time != 0 {
            if firstSeen == 0 || time < firstSeen { firstSeen = time }
            if time > lastSeen { lastSeen = time }
        }
    }

    /// The request a layer 7 flow carries: `GET /path` (the query left out) for HTTP, `DNS name`
    /// for DNS; responses name the request they answer but are not counted again.
    private mutating func note(_ list: [Flow_Policy], _ effect: String) {
        for policy in list where policies.count < Self.maximumPolicies {
            policies.insert(PolicyUse(effect: effect, kind: policy.kind, namespace: policy.namespace, name: policy.name))
        }
    }

    static func request(_ flow: Flow) -> String? {
        guard flow.hasL7, flow.l7.type != .response else { return nil }
        switch flow.l7.record {
        case .http(let http)?:
            return "\(http.method.isEmpty ? "HTTP" : http.method) \(path(of: http.url))"
        case .dns(let dns)?:
            return "DNS \(dns.query)"
        case .kafka(let kafka)?:
            return "Kafka \(kafka.topic)"
        case nil:
            return nil
        }
    }

    /// The path of a URL: after the scheme and host, before `?` or `#`.
    static func path(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        return rest.isEmpty ? "/" : String(rest)
    }
}
