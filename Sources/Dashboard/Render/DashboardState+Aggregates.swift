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
                (lastSeenText(t.lastSeen), .plain),
            ]
        }
        // The column the rows are sorted by is marked: ▼ largest or latest first, ▲ in name order.
        func title(_ text: String, _ sort: TalkerSort) -> String {
            talkerSort == sort ? text + (sort == .name ? " ▲" : " ▼") : text
        }
        renderTable(
            [(title("SOURCE", .name), side), ("DESTINATION", side), (title("FLOWS", .flows), 9), (title("DROPS", .drops), 9),
             (title("LAST SEEN", .lastSeen), 12)], rows, into: &screen, top: top, height: height, empty: "no flows yet")
    }

    func renderDrops(into screen: inout Screen, top: Int, height: Int) {
        let width = screen.size.width
        let rest = max(20, width - 16 - 20 - 9 - 12 - 5)
        let rows = dropGroups().map { g -> [(String, Screen.Style)] in
            [
                (g.namespace, style(.cyan)), (g.reason, style(.red)), (Self.grouped(UInt64(g.count)), style(nil, bold: true)),
                (lastSeenText(g.lastSeen), .plain),
                ((g.policies.isEmpty ? "" : g.policies.sorted().joined(separator: ", ") + "; ") + "from " + g.topSource, .plain),
            ]
        }
        renderTable(
            [("NAMESPACE", 16), ("REASON", 20), ("DROPS", 9), ("LAST", 12), ("POLICIES AND MAIN SOURCE", rest)], rows,
            into: &screen, top: top, height: height, empty: "no drops")
    }

    func renderNodes(into screen: inout Screen, top: Int, height: Int) {
        let width = screen.size.width
        let name = max(20, width - 14 - 10 - 22 - 10 - 4)
        var rows: [[(String, Screen.Style)]] = []
        for server in servers.values.sorted(by: { $0.server < $1.server }) {
            let state = server.connection.rawValue + (server.message.map { ": \($0)" } ?? "")
            let rate = server.flowsRate.map { String(format: "%.1f", $0) } ?? ""
            rows.append([
                (server.server, style(nil, bold: true)),
                (state, server.connection == .connected ? style(.green) : style(.red, bold: true)), (rate, .plain),
                (Self.buffer(server.numFlows, server.maxFlows), .plain), (lost[server.server].map { Self.grouped($0) } ?? "0", .plain),
            ])
        }
        // The nodes behind the servers: those they describe, and those only seen in flows.
        let names = Set(nodes.keys).union(nodeRates.keys).subtracting(servers.keys).sorted()
        for node in names {
            let described = nodes[node]
            let state = described?.connection.map { $0.rawValue + (described?.message.map { ": \($0)" } ?? "") } ?? "seen in flows"
            let healthy = described?.connection.map { $0 == .connected } ?? true
            // A node's name without its cluster when the whole would be cut.
            let shown = node.isEmpty ? "(no node name)" : Screen.width(of: node) > name ? FlowColumnLayout.short(node) : node
            rows.append([
                (shown, style(.cyan)), (state, healthy ? .plain : style(.red, bold: true)),
                (Self.grouped(nodeRates[node]?.perSecond ?? 0), .plain), (Self.buffer(described?.numFlows, described?.maxFlows), .plain),
                (Self.grouped(lost[node] ?? 0), (lost[node] ?? 0) > 0 ? style(.red, bold: true) : .plain),
            ])
        }
        renderTable(
            [("SERVER / NODE", name), ("STATE", 14), ("FLOWS/S", 10), ("BUFFER", 22), ("LOST", 10)], rows, into: &screen, top: top,
            height: height, empty: "no servers or nodes yet")
    }

    /// When a row was last seen: `3s ago` while following; in a capture, the time itself (`10:40:57`,
    /// or `May 20 10:40` on another day than its newest flow), since "ago" would count from today.
    func lastSeenText(_ seconds: Double) -> String {
        guard clock == .data else { return Self.age(now.timeIntervalSince1970 - seconds) + " ago" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        let date = Date(timeIntervalSince1970: seconds)
        let sameDay = calendar.isDate(date, inSameDayAs: Date(timeIntervalSince1970: ageReference))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = sameDay ? "HH:mm:ss" : "MMM d HH:mm"
        return formatter.string(from: date)
    }

    /// `4,095/4,095 (100%)`, or nothing when unknown.
    static func buffer(_ numFlows: UInt64?, _ maxFlows: UInt64?) -> String {
        guard let numFlows, let maxFlows, maxFlows > 0 else { return "" }
        // Untrusted numbers: the percentage is clamped before it becomes an integer.
        let percent = Int(min(100 * Double(numFlows) / Double(maxFlows), 1_000_000))
        return "\(grouped(numFlows))/\(grouped(maxFlows)) (\(percent)%)"
    }
}
