import FlowModel
import SwiftProtobuf

/// A field's value in a flow, read generically: what the tree-walking evaluator compares, and what the
/// compiler falls back to for tests it has no specialised form for. `absent` fails every test.
enum FieldValue {
    case absent
    case string(String)
    case strings([String])
    /// A namespace (or kind) and a name: pods, services.
    case qualified(String, String)
    case workloads([Flow_Workload])
    case address(String)
    case number(UInt64)
    case enumValue(Int)
    case protocols(l4: String?, l7: String?)
    case eventType(type: Int32, subType: Int32)
    case bool(Bool)
    case time(Google_Protobuf_Timestamp)

    // swiftlint:disable:next cyclomatic_complexity
    static func of(_ field: FieldID, in flow: Flow) -> FieldValue {
        switch field {
        case .namespace(let side):
            guard let ns = flow.endpoint(side)?.namespace, !ns.isEmpty else { return .absent }
            return .string(ns)
        case .pod(let side):
            guard let endpoint = flow.endpoint(side), !endpoint.podName.isEmpty else { return .absent }
            return .qualified(endpoint.namespace, endpoint.podName)
        case .ip(let side):
            return flow.address(side).map(FieldValue.address) ?? .absent
        case .port(let side):
            return flow.port(side).map { .number(UInt64($0)) } ?? .absent
        case .identity(let side):
            return flow.endpoint(side).map { .number(UInt64($0.identity)) } ?? .absent
        case .label(let side):
            return .strings(flow.endpoint(side)?.labels ?? [])
        case .service(let side):
            guard let service = flow.service(side), !service.name.isEmpty else { return .absent }
            return .qualified(service.namespace, service.name)
        case .fqdn(let side):
            let names = flow.names(side)
            return names.isEmpty ? .absent : .strings(names)
        case .workload(let side):
            guard let workloads = flow.endpoint(side)?.workloads, !workloads.isEmpty else { return .absent }
            return .workloads(workloads)
        case .cluster(let side):
            guard let cluster = flow.endpoint(side)?.clusterName, !cluster.isEmpty else { return .absent }
            return .string(cluster)
        case .verdict:
            return .enumValue(flow.verdict.rawValue)
        case .dropReason:
            return flow.dropReasonValue.map { .enumValue($0.rawValue) } ?? .absent
        case .eventType:
            return flow.hasEventType ? .eventType(type: flow.eventType.type, subType: flow.eventType.subType) : .absent
        case .direction:
            return .enumValue(flow.trafficDirection.rawValue)
        case .reply:
            return flow.replyValue.map(FieldValue.bool) ?? .absent
        case .proto:
            let l4 = flow.l4ProtocolName
            let l7 = flow.l7ProtocolName
            return l4 == nil && l7 == nil ? .absent : .protocols(l4: l4, l7: l7)
        case .tcpFlag(let bit):
            return .bool(flow.tcpFlagsValue.map { TCPFlagMask($0).bits & bit != 0 } ?? false)
        case .node:
            return flow.nodeName.isEmpty ? .absent : .string(flow.nodeName)
        case .nodeLabel:
            return .strings(flow.nodeLabels)
        case .httpMethod:
            guard let method = flow.httpRecord?.method, !method.isEmpty else { return .absent }
            return .string(method)
        case .httpPath:
            return flow.httpPathValue.map(FieldValue.string) ?? .absent
        case .httpURL:
            guard let url = flow.httpRecord?.url, !url.isEmpty else { return .absent }
            return .string(url)
        case .httpStatus:
            return flow.httpStatusValue.map { .number(UInt64($0)) } ?? .absent
        case .dnsQuery:
            return flow.dnsRecord.map { .string($0.query) } ?? .absent
        case .dnsRcode:
            return flow.dnsRecord.map { .number(UInt64($0.rcode)) } ?? .absent
        case .time:
            return flow.hasTime ? .time(flow.time) : .absent
        case .uuid:
            return flow.uuid.isEmpty ? .absent : .string(flow.uuid)
        case .ipVersion:
            return .enumValue(flow.ipVersionValue.rawValue)
        case .encrypted:
            return .bool(flow.encryptedValue)
        case .interface:
            return flow.hasInterface ? .string(flow.interface.name) : .absent
        case .traceID:
            return .string(flow.traceIDValue)
        case .ipTraceID:
            return .number(flow.ipTraceIDValue)
        }
    }
}

extension Flow {
    /// The L4 protocol's filter name (`tcp`, `icmpv4`, …).
    var l4ProtocolName: String? {
        guard hasL4 else { return nil }
        switch l4.protocol {
        case .tcp?: return "tcp"
        case .udp?: return "udp"
        case .sctp?: return "sctp"
        case .icmpv4?: return "icmpv4"
        case .icmpv6?: return "icmpv6"
        case .vrrp?: return "vrrp"
        case .igmp?: return "igmp"
        case nil: return nil
        }
    }

    /// The L7 record's filter name (`http`, `dns`, `kafka`).
    var l7ProtocolName: String? {
        guard hasL7 else { return nil }
        switch l7.record {
        case .http?: return "http"
        case .dns?: return "dns"
        case .kafka?: return "kafka"
        case nil: return nil
        }
    }
}
