import FlowModel
import HubbleAPI
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

    static func of(_ field: FieldID, in flow: Flow) -> FieldValue {
        switch field {
        case .namespace(let side):
            guard let ns = flow.namespace(side), !ns.isEmpty else { return .absent }
            return .string(ns)
        case .pod(let side):
            guard let pod = flow.podName(side), !pod.isEmpty else { return .absent }
            return .qualified(flow.namespace(side) ?? "", pod)
        case .ip(let side):
            return flow.address(side).map(FieldValue.address) ?? .absent
        case .port(let side):
            return flow.port(side).map { .number(UInt64($0)) } ?? .absent
        case .identity(let side):
            return flow.identity(side).map { .number(UInt64($0)) } ?? .absent
        case .label(let side):
            return .strings(flow.labels(side) ?? [])
        case .service(let side):
            guard let service = flow.service(side), !service.name.isEmpty else { return .absent }
            return .qualified(service.namespace, service.name)
        case .fqdn(let side):
            let names = flow.names(side)
            return names.isEmpty ? .absent : .strings(names)
        case .workload(let side):
            guard let workloads = flow.workloads(side), !workloads.isEmpty else { return .absent }
            return .workloads(workloads)
        case .cluster(let side):
            guard let cluster = flow.clusterName(side), !cluster.isEmpty else { return .absent }
            return .string(cluster)
        case .verdict:
            return .enumValue(flow.verdict.rawValue)
        case .dropReason:
            return flow.dropReasonValue.map { .enumValue($0.rawValue) } ?? .absent
        case .eventType:
            guard let eventType = flow.eventTypeIfSet else { return .absent }
            return .eventType(type: eventType.type, subType: eventType.subType)
        case .direction:
            return .enumValue(flow.trafficDirection.rawValue)
        case .reply:
            return flow.isReplyIfSet.map(FieldValue.bool) ?? .absent
        case .proto:
            let l4 = flow.l4ProtocolName
            let l7 = flow.l7ProtocolName
            return l4 == nil && l7 == nil ? .absent : .protocols(l4: l4, l7: l7)
        case .tcpFlags:
            return flow.tcpFlagsIfSet.map { .number(UInt64(TCPFlagMask($0).bits)) } ?? .absent
        case .tcpFlag(let bit):
            return .bool(flow.tcpFlagsIfSet.map { TCPFlagMask($0).bits & bit != 0 } ?? false)
        case .node:
            return flow.nodeName.isEmpty ? .absent : .string(flow.nodeName)
        case .nodeLabel:
            return .strings(flow.nodeLabels)
        case .httpMethod:
            guard let method = flow.httpMethodIfSet, !method.isEmpty else { return .absent }
            return .string(method)
        case .httpPath:
            return flow.httpPathValue.map(FieldValue.string) ?? .absent
        case .httpURL:
            guard let url = flow.httpURLIfSet, !url.isEmpty else { return .absent }
            return .string(url)
        case .httpStatus:
            return flow.httpStatusValue.map { .number(UInt64($0)) } ?? .absent
        case .dnsQuery:
            return flow.dnsQueryIfSet.map(FieldValue.string) ?? .absent
        case .dnsRcode:
            return flow.dnsRcodeIfSet.map { .number(UInt64($0)) } ?? .absent
        case .time:
            return flow.timeIfSet.map(FieldValue.time) ?? .absent
        case .uuid:
            return flow.uuid.isEmpty ? .absent : .string(flow.uuid)
        case .ipVersion:
            return .enumValue(flow.ipVersionValue.rawValue)
        case .encrypted:
            return .bool(flow.encryptedValue)
        case .interface:
            return flow.interfaceIfSet.map { .string($0.name) } ?? .absent
        case .traceID:
            return .string(flow.traceIDValue)
        case .ipTraceID:
            return .number(flow.ipTraceIDValue)
        }
    }
}
