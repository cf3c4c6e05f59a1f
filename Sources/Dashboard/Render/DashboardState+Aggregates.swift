import DequeModule
import FlowModel
import FlowOutput
import Foundation
import HubbleAPI
import SwiftProtobuf

extension DashboardState {
    /// Who talks to whom, at namespace/workload level, over the flows held that pass the filter.
    public struct Talker: Sendable, Equatable {
        public var source: String
        public var destination: String
        public var flows = 0
        public var drops = 0
        public var lastSeen: Double = 0
    }

    /// Drops by namespace and reason, with the policies named in the flows and the main source.
    public struct DropGroup: Sendable, Equatable {
        public var namespace: String
        public var reason: String
        public var count = 0
        public var lastSeen: Double = 0
        public var policies: Set<String> = []
        public var sources: [String: Int] = [:]

        public var topSource: String { sources.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "" }
    }

    /// `namespace/workload` (or pod, or address) of one side.
    static func party(_ endpoint: Flow_Endpoint, ip: String, service: Flow_Service? = nil) -> String {
        if let service, !service.name.isEmpty, endpoint.namespace.isEmpty {
            return service.namespace.isEmpty ? "\(service.name) (service)" : "\(service.namespace)/\(service.name) (service)"
        }
        if !endpoint.namespace.isEmpty {
            let name = endpoint.workloads.first?.name ?? (endpoint.podName.isEmpty ? "" : endpoint.podName)
            return name.isEmpty ? endpoint.namespace : "\(endpoint.namespace)/\(name)"
        }
        if let reserved = endpoint.labels.first(where: { $0.hasPrefix("reserved:") }) { return reserved }
        return ip.isEmpty ? "(unknown)" : ip
    }

    public func talkers() -> [Talker] {
        var table: [String: Talker] = [:]
        for stored in history where matches(stored.flow) {
            let flow = stored.flow
            // Replies are counted with the connection they answer.
            var source = Self.party(flow.source, ip: flow.ip.source, service: flow.hasSourceService ? flow.sourceService : nil)
            var destination = Self.party(
                flow.destination, ip: flow.ip.destination, service: flow.hasDestinationService ? flow.destinationService : nil)
            if flow.hasIsReply && flow.isReply.value { swap(&source, &destination) }
            let key = source + "\u{0}" + destination
            var entry = table[key] ?? Talker(source: source, destination: destination)
            entry.flows += 1
            if flow.verdict == .dropped { entry.drops += 1 }
            entry.lastSeen = max(entry.lastSeen, Self.seconds(flow))
            table[key] = entry
        }
        let rows = Array(table.values)
        switch talkerSort {
        case .flows: return rows.sorted { ($0.flows, $1.source, $1.destination) > ($1.flows, $0.source, $0.destination) }
        case .drops: return rows.sorted { ($0.drops, $0.flows, $1.source) > ($1.drops, $1.flows, $0.source) }
        case .lastSeen: return rows.sorted { ($0.lastSeen, $1.source) > ($1.lastSeen, $0.source) }
        case .name: return rows.sorted { ($0.source, $0.destination) < ($1.source, $1.destination) }
        }
    }

    public func dropGroups() -> [DropGroup] {
        var table: [String: DropGroup] = [:]
        for stored in history where matches(stored.flow) && stored.flow.verdict == .dropped {
            let flow = stored.flow
            let egress = flow.trafficDirection == .egress
            let side = egress ? flow.source : flow.destination
            let namespace = side.namespace.isEmpty ? "(no namespace)" : side.namespace
            let reason = flow.dropReasonDesc.rawValue != 0
                ? flow.dropReasonDesc.protoName ?? "\(flow.dropReasonDesc.rawValue)"
                : (flow.eventType.type == 5 ? "POLICY_DENIED" : "code \(flow.dropReason)")
            let key = namespace + "\u{0}" + reason
            var group = table[key] ?? DropGroup(namespace: namespace, reason: reason)
            group.count += 1
            group.lastSeen = max(group.lastSeen, Self.seconds(flow))
            for policy in flow.ingressDeniedBy + flow.egressDeniedBy where !policy.name.isEmpty {
                group.policies.insert(policy.namespace.isEmpty ? policy.name : "\(policy.namespace)/\(policy.name)")
            }
            group.sources[Self.party(flow.source, ip: flow.ip.source), default: 0] += 1
            table[key] = group
        }
        return table.values.sorted { ($0.count, $1.namespace, $1.reason) > ($1.count, $0.namespace, $0.reason) }
    }

    func renderTable(_ titles: [(String, Int)], _ rows: [[(String, Screen.Style)]], into screen: inout Screen, top: Int, height: Int, empty: String) {
        var x = 0
        for (title, width) in titles {
            screen.put(title, row: top - 1, column: x, width: width)
            x += width + 1
        }
        screen.highlight(row: top - 1, style: style(nil, bold: true, reverse: true))
        if rows.isEmpty { screen.put(empty, row: top, column: 0, style: style(.gray)) }
        for (i, cells) in rows.prefix(height).enumerated() {
            var column = 0
            for ((text, cellStyle), (_, width)) in zip(cells, titles) {
                screen.put(Self.fit(text, width), row: top + i, column: column, width: width, style: cellStyle)
                column += width + 1
            }
        }
    }

    func renderTalkers(into screen: inout Screen, top: Int, height: Int) {
        let width = screen.size.width
        let side = max(14, (width - 34) / 2)
        let rows = talkers().map { t -> [(String, Screen.Style)] in
            [
                (t.source, style(.cyan)), (t.destination, style(.cyan)), (Self.grouped(UInt64(t.flows)), .plain),
                (Self.grouped(UInt64(t.drops)), t.drops > 0 ? style(.red, bold: true) : .plain),
                (Self.age(now.timeIntervalSince1970 - t.lastSeen) + " ago", .plain),
            ]
        }
        renderTable(
            [("SOURCE", side), ("DESTINATION", side), ("FLOWS", 9), ("DROPS", 9), ("LAST SEEN", 12)], rows, into: &screen, top: top,
            height: height, empty: "no flows yet")
    }

    func renderDrops(into screen: inout Screen, top: Int, height: Int) {
        let width = screen.size.width
        let rest = max(20, width - 16 - 20 - 9 - 10 - 5)
        let rows = dropGroups().map { g -> [(String, Screen.Style)] in
            [
                (g.namespace, style(.cyan)), (g.reason, style(.red)), (Self.grouped(UInt64(g.count)), style(nil, bold: true)),
                (Self.age(now.timeIntervalSince1970 - g.lastSeen) + " ago", .plain),
                ((g.policies.isEmpty ? "" : g.policies.sorted().joined(separator: ", ") + "; ") + "from " + g.topSource, .plain),
            ]
        }
        renderTable(
            [("NAMESPACE", 16), ("REASON", 20), ("DROPS", 9), ("LAST", 10), ("POLICIES AND MAIN SOURCE", rest)], rows,
            into: &screen, top: top, height: height, empty: "no drops")
    }

    func renderNodes(into screen: inout Screen, top: Int, height: Int) {
        let width = screen.size.width
        let name = max(20, width - 14 - 10 - 22 - 10 - 4)
        var rows: [[(String, Screen.Style)]] = []
        for server in servers.values.sorted(by: { $0.server < $1.server }) {
            let state = server.connection.rawValue + (server.message.map { ": \($0)" } ?? "")
            var buffer = ""
            if let numFlows = server.numFlows, let maxFlows = server.maxFlows, maxFlows > 0 {
                // Untrusted numbers: the percentage is clamped before it becomes an integer.
                let percent = Int(min(100 * Double(numFlows) / Double(maxFlows), 1_000_000))
                buffer = "\(Self.grouped(numFlows))/\(Self.grouped(maxFlows)) (\(percent)%)"
            }
            let rate = server.flowsRate.map { String(format: "%.1f", $0) } ?? ""
            rows.append([
                (server.server, style(nil, bold: true)),
                (state, server.connection == .connected ? style(.green) : style(.red, bold: true)), (rate, .plain), (buffer, .plain),
                (lost[server.server].map { Self.grouped($0) } ?? "0", .plain),
            ])
        }
        for (node, meter) in nodeRates.sorted(by: { $0.key < $1.key }) where servers[node] == nil {
            rows.append([
                (node.isEmpty ? "(no node name)" : node, style(.cyan)), ("seen in flows", .plain), (Self.grouped(meter.perSecond), .plain),
                ("", .plain), (Self.grouped(lost[node] ?? 0), (lost[node] ?? 0) > 0 ? style(.red, bold: true) : .plain),
            ])
        }
        renderTable(
            [("SERVER / NODE", name), ("STATE", 14), ("FLOWS/S", 10), ("BUFFER", 22), ("LOST", 10)], rows, into: &screen, top: top,
            height: height, empty: "no servers or nodes yet")
    }
}
