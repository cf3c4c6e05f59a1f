import FlowModel
import HubbleAPI

/// Builds the test of one FlowFilter: every non-empty field must match (AND), any value of a field may
/// match (OR). Fields are built in the reference server's order, so the first bad value reported is
/// the one the server would report.
enum FlowFilterCompiler {
    static func compile(_ filter: Flow_FlowFilter) throws(FlowFilterError) -> FlowTest {
        var tests: [FlowTest] = []
        func add(_ test: FlowTest?) { if let test { tests.append(test) } }

        add(uuid(filter.uuid))
        add(eventType(filter.eventType))
        add(verdict(filter.verdict))
        add(dropReason(filter.dropReasonDesc))
        add(reply(filter.reply))
        add(encrypted(filter.encrypted))
        add(identity(filter.sourceIdentity, .source))
        add(identity(filter.destinationIdentity, .destination))
        add(try proto(filter.protocol))
        add(try ip(filter.sourceIp, .source))
        add(try ip(filter.destinationIp, .destination))
        add(try translatedIP(filter.sourceIpXlated))
        add(try pod(filter.sourcePod, .source))
        add(try pod(filter.destinationPod, .destination))
        add(workload(filter.sourceWorkload, .source))
        add(workload(filter.destinationWorkload, .destination))
        add(try service(filter.sourceService, .source))
        add(try service(filter.destinationService, .destination))
        add(try fqdn(filter.sourceFqdn, .source))
        add(try fqdn(filter.destinationFqdn, .destination))
        add(try dnsQuery(filter.dnsQuery))
        add(try labels(filter.sourceLabel, .source))
        add(try labels(filter.destinationLabel, .destination))
        add(try nodeLabels(filter.nodeLabels))
        add(try port(filter.sourcePort, .source))
        add(try port(filter.destinationPort, .destination))
        for test in try http(filter) { add(test) }
        add(tcpFlags(filter.tcpFlags))
        add(try nodeName(filter.nodeName))
        add(try cluster(filter.sourceClusterName, .source))
        add(try cluster(filter.destinationClusterName, .destination))
        add(ipVersion(filter.ipVersion))
        add(traceID(filter.traceID))
        add(direction(filter.trafficDirection))
        if filter.hasExperimental, !filter.experimental.celExpression.isEmpty {
            throw FlowFilterError(
                "error compiling CEL expression: CEL is not supported by this server; use the loupe filter language")
        }
        add(interface(filter.interface))
        add(ipTraceID(filter.ipTraceID))

        return FlowTestCombination.all(tests)
    }

    // MARK: Scalar fields

    static func uuid(_ values: [String]) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        let set = Set(values)
        return { set.contains($0.uuid) }
    }

    static func eventType(_ values: [Flow_EventTypeFilter]) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        return { flow in
            guard let eventType = flow.eventTypeIfSet else { return false }
            let type = eventType.type
            let subType = eventType.subType
            return values.contains { ($0.type == 0 || $0.type == type) && (!$0.matchSubType || $0.subType == subType) }
        }
    }

    static func verdict(_ values: [Flow_Verdict]) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        if values.count == 1 {
            let only = values[0]
            return { $0.verdict == only }
        }
        return { values.contains($0.verdict) }
    }

    static func dropReason(_ values: [Flow_DropReason]) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        return { flow in flow.dropReasonValue.map { values.contains($0) } ?? false }
    }

    static func reply(_ values: [Bool]) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        return { flow in flow.replyValue.map { values.contains($0) } ?? false }
    }

    static func encrypted(_ values: [Bool]) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        return { values.contains($0.encryptedValue) }
    }

    static func identity(_ values: [UInt32], _ side: Side) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        return { flow in flow.identity(side).map { values.contains($0) } ?? false }
    }

    static let protocolCases: Set<String> = ["tcp", "udp", "sctp", "icmp", "icmpv4", "icmpv6", "vrrp", "igmp", "dns", "http", "kafka"]

    static func proto(_ values: [String]) throws(FlowFilterError) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        var wanted = Set<String>()
        for value in values {
            let name = value.lowercased()
            guard protocolCases.contains(name) else {
                throw FlowFilterError("invalid protocol filter: unknown protocol: \(GoQuote.quote(value))")
            }
            wanted.insert(name)
        }
        return { [wanted] flow in
            if let l4 = flow.l4ProtocolName, wanted.contains(l4) || (l4.hasPrefix("icmp") && wanted.contains("icmp")) { return true }
            if let l7 = flow.l7ProtocolName, wanted.contains(l7) { return true }
            return false
        }
    }

    static func tcpFlags(_ values: [Flow_TCPFlags]) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        let masks = values.map(TCPFlagMask.init)
        return { flow in
            guard let flags = flow.tcpFlagsIfSet else { return false }
            let present = TCPFlagMask(flags)
            return masks.contains { present.contains($0) }
        }
    }

    static func ipVersion(_ values: [Flow_IPVersion]) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        return { values.contains($0.ipVersionValue) }
    }

    static func traceID(_ values: [String]) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        return { values.contains($0.traceIDValue) }
    }

    static func ipTraceID(_ values: [UInt64]) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        return { values.contains($0.ipTraceIDValue) }
    }

    static func direction(_ values: [Flow_TrafficDirection]) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        return { values.contains($0.trafficDirection) }
    }

    static func interface(_ values: [Flow_NetworkInterface]) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        return { flow in
            guard let interface = flow.interfaceIfSet else { return false }
            return values.contains { ($0.index == 0 || $0.index == interface.index) && ($0.name.isEmpty || $0.name == interface.name) }
        }
    }
}
