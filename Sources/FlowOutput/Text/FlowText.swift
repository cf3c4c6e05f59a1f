import FlowModel
import HubbleAPI

/// The columns that compact, dict and table share: identity, TYPE, VERDICT and SUMMARY, computed as
/// the reference CLI computes them (see `spec/output.md` §3).
enum FlowText {
    /// `(ID:93339)`, or `(world)` for a reserved identity.
    static func appendIdentity(_ identity: UInt32, to out: inout [UInt8]) {
        if let name = ReservedIdentity.name(identity) {
            out.append(UInt8(ascii: "("))
            out.append(contentsOf: name.utf8)
            out.append(UInt8(ascii: ")"))
        } else {
            out.append(contentsOf: "(ID:".utf8)
            out.appendDecimal(identity)
            out.append(UInt8(ascii: ")"))
        }
    }

    /// The TYPE column: the L7 record kind, or the monitor event with its sub-type.
    static func appendType(_ flow: Flow, to out: inout [UInt8]) {
        if flow.hasL7 {
            let l7 = flow.l7
            switch l7.record {
            case .http?: out.append(contentsOf: "http-".utf8)
            case .dns?: out.append(contentsOf: "dns-".utf8)
            case .kafka?: out.append(contentsOf: "kafka-".utf8)
            case nil: out.append(contentsOf: "l7-".utf8)
            }
            switch l7.type {
            case .unknownL7Type: out.append(contentsOf: "unknown_l7_type".utf8)
            case .request: out.append(contentsOf: "request".utf8)
            case .response: out.append(contentsOf: "response".utf8)
            case .sample: out.append(contentsOf: "sample".utf8)
            default: out.append(contentsOf: l7.type.goName.lowercased().utf8)
            }
            if case .dns(let dns)? = l7.record {
                out.append(UInt8(ascii: " "))
                out.append(contentsOf: dns.observationSource.utf8)
            }
            return
        }
        let eventType = flow.eventType
        let subType = UInt8(truncatingIfNeeded: eventType.subType)
        switch eventType.type {
        case MonitorEvent.trace:
            if let name = MonitorEvent.tracePointName(subType) {
                out.append(contentsOf: name.utf8)
            } else {
                out.appendDecimal(UInt32(subType))
            }
        case MonitorEvent.drop:
            if let text = DropReasonText.text(subType) {
                out.append(contentsOf: text.utf8)
            } else {
                out.appendDecimal(UInt32(subType))
                out.append(contentsOf: ", 0".utf8)
            }
        case MonitorEvent.policyVerdict:
            out.append(contentsOf: "policy-verdict:".utf8)
            out.append(contentsOf: MonitorEvent.policyMatchName(flow.policyMatchType).utf8)
            out.append(UInt8(ascii: " "))
            out.append(contentsOf: flow.trafficDirection.goName.utf8)
        case MonitorEvent.capture:
            out.append(contentsOf: flow.debugCapturePoint.goName.utf8)
        case MonitorEvent.traceSock:
            out.append(contentsOf: MonitorEvent.sockXlateName(flow.sockXlatePoint).utf8)
        default:
            out.append(contentsOf: "UNKNOWN".utf8)
        }
    }

    /// The VERDICT text and its colour (`nil` when uncoloured).
    static func verdict(_ flow: Flow, printPolicyNames: Bool) -> (text: String, color: [UInt8]?) {
        let verdict = flow.verdict
        var text: String
        if flow.eventType.type == MonitorEvent.policyVerdict {
            switch verdict {
            case .forwarded, .redirected: text = "ALLOWED"
            case .dropped, .error: text = "DENIED"
            case .audit: text = "AUDITED"
            default: text = verdict.goName
            }
            if printPolicyNames, text == "ALLOWED" || text == "DENIED" {
                text += policySuffix(flow, allowed: text == "ALLOWED")
            }
        } else {
            text = verdict.goName
        }
        let color: [UInt8]?
        switch verdict {
        case .forwarded, .redirected: color = SGR.green
        case .dropped, .error: color = SGR.red
        case .audit, .traced, .translated: color = SGR.yellow
        default: color = nil
        }
        return (text, color)
    }

    private static func policySuffix(_ flow: Flow, allowed: Bool) -> String {
        let policies: [Flow_Policy]
        switch flow.trafficDirection {
        case .egress: policies = allowed ? flow.egressAllowedBy : flow.egressDeniedBy
        case .ingress: policies = allowed ? flow.ingressAllowedBy : flow.ingressDeniedBy
        default: return ""
        }
        let named = policies.filter { !$0.name.isEmpty && !$0.kind.isEmpty }
        guard !named.isEmpty else { return "" }
        return " BY " + named.map { "\($0.name) (\($0.kind))" }.joined(separator: ", ")
    }

    /// The SUMMARY text: trace id, the agent's summary, the auth type (coloured when asked).
    static func appendSummary(_ flow: Flow, color: Bool, to out: inout [UInt8]) {
        if flow.hasIpTraceID, flow.ipTraceID.traceID > 0 {
            out.append(contentsOf: "IP Trace ID: ".utf8)
            out.appendDecimal(flow.ipTraceID.traceID)
            out.append(contentsOf: "; ".utf8)
        }
        out.append(contentsOf: flow.summary.utf8)
        let auth = flow.authType
        if auth.rawValue != 0 {
            out.append(contentsOf: "; Auth: ".utf8)
            if color { out.append(contentsOf: auth == .testAlwaysFail ? SGR.red : SGR.green) }
            out.append(contentsOf: auth.goName.utf8)
            if color { out.append(contentsOf: SGR.reset) }
        }
    }
}
