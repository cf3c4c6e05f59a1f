import FlowModel
import HubbleAPI

/// What the drawings share: peers grouped by namespace (the rest outside any group), a short id
/// for each, and for each conversation the edges to draw: what was let through, and apart from
/// it, drawn so it stands out, what was dropped.
struct MapGraph {
    struct Line {
        var from: String
        var to: String
        var label: String
        var dropped: Bool
    }

    /// Peers by namespace ("" for those outside), in order.
    var groups: [(namespace: String, peers: [(id: String, peer: Peer)])] = []
    var lines: [Line] = []

    init(_ map: TrafficMap) {
        let peers = map.peers
        var ids: [Peer: String] = [:]
        for (index, peer) in peers.enumerated() { ids[peer] = "n\(index)" }
        var byNamespace: [String: [(id: String, peer: Peer)]] = [:]
        for peer in peers {
            let namespace = peer.kind == .namespace ? "" : peer.namespace
            byNamespace[namespace, default: []].append((ids[peer]!, peer))
        }
        groups = byNamespace.keys.sorted { ($0.isEmpty ? 1 : 0, $0) < ($1.isEmpty ? 1 : 0, $1) }.map { ($0, byNamespace[$0]!) }
        for (key, stats) in map.sortedEdges {
            let from = ids[key.source]!
            let to = ids[key.destination]!
            let passed = stats.flows - stats.count(.dropped)
            if passed > 0 {
                lines.append(Line(from: from, to: to, label: "\(key.portLabel) ×\(passed)", dropped: false))
            }
            if stats.count(.dropped) > 0 {
                lines.append(Line(from: from, to: to, label: "\(key.portLabel) DROPPED ×\(stats.count(.dropped))", dropped: true))
            }
        }
    }

    /// The name a node is drawn with: a pod's or workload's without its namespace (the group says
    /// it), the rest as the table writes them.
    static func caption(_ peer: Peer) -> String {
        switch peer.kind {
        case .workload, .pod: peer.name
        case .service: "service \(peer.name)"
        default: peer.label
        }
    }
}
