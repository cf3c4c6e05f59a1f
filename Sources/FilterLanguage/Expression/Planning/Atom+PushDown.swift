import FlowModel
import HubbleAPI

/// Each atom's FlowFilter form, exact where Hubble's field means the same thing.
extension Atom {
    /// Longer lists than this are not enumerated into a filter.
    static let enumerationLimit = 64

    var pushDown: PushDown {
        switch (field, test) {
        case (.namespace(let side), .names(let matches)):
            guard matches.allSatisfy({ $0.name.isExact && !$0.name.text.isEmpty && $0.qualifier == nil }) else {
                return .none(reason: "a namespace glob has no FlowFilter form")
            }
            return .exact(.list(side == .source ? \.sourcePod : \.destinationPod, side.word + "_pod",
                                matches.map { $0.name.text + "/" }, intersectable: false))
        case (.pod(let side), .names(let matches)):
            return qualifiedPrefixes(matches, side == .source ? \.sourcePod : \.destinationPod, side.word + "_pod")
        case (.service(let side), .names(let matches)):
            return qualifiedPrefixes(matches, side == .source ? \.sourceService : \.destinationService, side.word + "_service")
        case (.ip(let side), .addresses(let exact, let prefixes)):
            let values = exact.map(\.description).sorted() + prefixes.map(\.description)
            return .exact(.list(side == .source ? \.sourceIp : \.destinationIp, side.word + "_ip", values, intersectable: prefixes.isEmpty))
        case (.port(let side), .numbers(let set)):
            guard let values = set.enumerated(limit: Self.enumerationLimit) else {
                return .none(reason: "more than \(Self.enumerationLimit) ports; a FlowFilter lists ports one by one")
            }
            return .exact(.list(side == .source ? \.sourcePort : \.destinationPort, side.word + "_port", values.map { String($0) }))
        case (.identity(let side), .numbers(let set)):
            guard let values = set.enumerated(limit: Self.enumerationLimit) else {
                return .none(reason: "more than \(Self.enumerationLimit) identities; a FlowFilter lists them one by one")
            }
            return .exact(.list(side == .source ? \.sourceIdentity : \.destinationIdentity, side.word + "_identity", values.map { UInt32($0) }))
        case (.label(let side), .label(let selector)):
            return .exact(.list(side == .source ? \.sourceLabel : \.destinationLabel, side.word + "_label", [selector.text], intersectable: false))
        case (.fqdn(let side), .fqdnPatterns(_, let patterns)):
            return .exact(.list(side == .source ? \.sourceFqdn : \.destinationFqdn, side.word + "_fqdn", patterns, intersectable: false))
        case (.workload(let side), .names(let matches)):
            guard matches.allSatisfy({ $0.name.isExact && !$0.name.text.isEmpty && ($0.qualifier?.isExact ?? true) }) else {
                return .none(reason: "a workload glob has no FlowFilter form")
            }
            let workloads = matches.map { match -> Flow_Workload in
                var workload = Flow_Workload()
                workload.name = match.name.text
                workload.kind = match.qualifier?.text ?? ""
                return workload
            }
            return .exact(.list(side == .source ? \.sourceWorkload : \.destinationWorkload, side.word + "_workload", workloads, intersectable: false))
        case (.cluster(let side), .names(let matches)):
            guard let names = exactNames(matches) else { return .none(reason: "a cluster glob has no FlowFilter form") }
            return .exact(.list(side == .source ? \.sourceClusterName : \.destinationClusterName, side.word + "_cluster_name", names))
        case (.verdict, .enumValues(let values)):
            return .exact(.list(\.verdict, "verdict", values.sorted().compactMap { Flow_Verdict(rawValue: $0) }))
        case (.dropReason, .enumValues(let values)):
            return .exact(.list(\.dropReasonDesc, "drop_reason_desc", values.sorted().compactMap { Flow_DropReason(rawValue: $0) }))
        case (.direction, .enumValues(let values)):
            return .exact(.list(\.trafficDirection, "traffic_direction", values.sorted().compactMap { Flow_TrafficDirection(rawValue: $0) }))
        case (.ipVersion, .enumValues(let values)):
            return .exact(.list(\.ipVersion, "ip_version", values.sorted().compactMap { Flow_IPVersion(rawValue: $0) }))
        case (.eventType, .eventTypes(let filters)):
            return .exact(.list(\.eventType, "event_type", filters, intersectable: false))
        case (.reply, .bool(true)):
            return .exact(.list(\.reply, "reply", [true]))
        case (.reply, .bool(false)):
            // Cilium's reply filter (pkg/hubble/filters/reply.go) counts a DROPPED flow without
            // `is_reply` as not a reply; in the language absent data compares false, so the server's
            // answer is a superset and the drop is left out here.
            return .superset(.list(\.reply, "reply", [false]),
                             reason: "the server counts a drop without is_reply as not a reply")
        case (.encrypted, .bool(let value)):
            return .exact(.list(\.encrypted, "encrypted", [value]))
        case (.tcpFlag(let bit), .bool(true)):
            return .exact(.list(\.tcpFlags, "tcp_flags", [TCPFlagMask(bits: bit).flags], intersectable: false))
        case (.tcpFlags, .flagMasks(let masks)):
            return .exact(.list(\.tcpFlags, "tcp_flags", masks.map { TCPFlagMask(bits: $0).flags }, intersectable: false))
        case (.proto, .protocols(let names)):
            return .exact(.list(\.protocol, "protocol", names.sorted(), intersectable: false))
        case (.node, .nodePatterns(_, let patterns)):
            return .exact(.list(\.nodeName, "node_name", patterns, intersectable: false))
        case (.nodeLabel, .label(let selector)):
            return .exact(.list(\.nodeLabels, "node_labels", [selector.text], intersectable: false))
        case (.httpMethod, .strings(let methods)):
            return .exact(.list(\.httpMethod, "http_method", methods.sorted()))
        case (.httpPath, _):
            return regexFragment(\.httpPath, "http_path")
        case (.httpURL, _):
            return regexFragment(\.httpURL, "http_url")
        case (.dnsQuery, _):
            return regexFragment(\.dnsQuery, "dns_query")
        case (.httpStatus, .numbers(let set)):
            guard let codes = HTTPStatusPatterns.patterns(for: set, limit: Self.enumerationLimit) else {
                return .none(reason: "HTTP status filters take codes 100–599 as 404 or prefixes as 5+")
            }
            return .exact(.list(\.httpStatusCode, "http_status_code", codes, intersectable: false))
        case (.uuid, .strings(let values)):
            return .exact(.list(\.uuid, "uuid", values.sorted()))
        case (.traceID, .strings(let values)):
            return .exact(.list(\.traceID, "trace_id", values.sorted()))
        case (.interface, .strings(let names)):
            guard !names.contains("") else { return .none(reason: "an empty interface name has no FlowFilter form") }
            let interfaces = names.sorted().map { name -> Flow_NetworkInterface in
                var interface = Flow_NetworkInterface()
                interface.name = name
                return interface
            }
            return .exact(.list(\.interface, "interface", interfaces, intersectable: false))
        case (.ipTraceID, .numbers(let set)):
            guard let values = set.enumerated(limit: Self.enumerationLimit) else {
                return .none(reason: "more than \(Self.enumerationLimit) IP trace IDs")
            }
            return .exact(.list(\.ipTraceID, "ip_trace_id", values))
        case (_, .present):
            return .none(reason: "has() has no FlowFilter form")
        case (_, .field):
            return .none(reason: "comparing two fields has no FlowFilter form")
        case (_, .regex):
            return .none(reason: "no FlowFilter field takes a regular expression for \(field.name)")
        case (.time, _):
            return .none(reason: "time is selected by --since/--until, not by a FlowFilter")
        default:
            return .none(reason: "no FlowFilter field expresses \(field.name) this way")
        }
    }

    private func exactNames(_ matches: [NameMatch]) -> [String]? {
        guard matches.allSatisfy({ $0.qualifier == nil && $0.name.isExact && !$0.name.text.isEmpty }) else { return nil }
        return matches.map(\.name.text)
    }

    /// Pods and services: Hubble matches `namespace/prefix`. `name*` is exact; a whole name is a
    /// prefix, so a superset.
    private func qualifiedPrefixes(_ matches: [NameMatch], _ path: any WritableKeyPath<Flow_FlowFilter, [String]> & Sendable, _ key: String) -> PushDown {
        var values: [String] = []
        var exact = true
        for match in matches {
            if let qualifier = match.qualifier, !qualifier.isExact || qualifier.text.isEmpty {
                return .none(reason: "a namespace glob has no FlowFilter form")
            }
            let namespace = match.qualifier?.text ?? ""
            if let prefix = match.name.trailingStarPrefix {
                values.append("\(namespace)/\(prefix)")
            } else if match.name.isExact && !match.name.text.isEmpty {
                values.append("\(namespace)/\(match.name.text)")
                exact = false
            } else {
                return .none(reason: "only a trailing '*' has a FlowFilter form (a name prefix)")
            }
        }
        let fragment = Fragment.list(path, key, values, intersectable: false)
        return exact ? .exact(fragment) : .superset(fragment, reason: "the server matches names by prefix, so longer names pass too")
    }

    /// `~` with a regular expression both engines read alike, or `==` as an anchored, escaped one.
    private func regexFragment(_ path: any WritableKeyPath<Flow_FlowFilter, [String]> & Sendable, _ key: String) -> PushDown {
        switch test {
        case .regex(let regex):
            guard regex.isPortable else { return .none(reason: "the regular expression uses syntax RE2 may read differently") }
            return .exact(.list(path, key, [regex.pattern], intersectable: false))
        case .strings(let values):
            return .exact(.list(path, key, values.sorted().map { "^" + Self.escapeRE2($0) + "$" }, intersectable: false))
        default:
            return .none(reason: "no FlowFilter form")
        }
    }

    static func escapeRE2(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\\.+*?()|[]{}^$".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
