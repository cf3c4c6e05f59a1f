import FlowModel
import FlowOutput
import HubbleAPI
import SwiftProtobuf

/// The map as JSON lines, one conversation each, keys in a fixed order:
/// `{"source":{"kind":"workload","namespace":"universe","name":"curl"},"destination":{…},
/// "protocol":"TCP","port":80,"flows":28,"verdicts":{"FORWARDED":24,"TRACED":4},
/// "drop_reasons":{"POLICY_DENIED":6},"policies":[{"effect":"allowed","kind":"NetworkPolicy",
/// "namespace":"echo","name":"allow-universe-to-echo"}],"requests":{"GET /":4},"other_requests":0,
/// "first_seen":"2024-10-04T11:24:05.123456789Z","last_seen":"…"}`. Maps without entries are `{}`,
/// times without a flow time `null`.
enum MapJSON {
    static func render(_ map: TrafficMap) -> String {
        var out = ""
        for (key, stats) in map.sortedEdges {
            var writer = JSONWriter(capacity: 512)
            writer.beginObject()
            writer.key("source")
            peer(key.source, into: &writer)
            writer.key("destination")
            peer(key.destination, into: &writer)
            writer.key("protocol")
            writer.string(key.proto)
            writer.key("port")
            writer.uint32(key.port)
            writer.key("flows")
            writer.number(stats.flows)
            writer.key("verdicts")
            writer.beginObject()
            for (index, count) in stats.verdicts.enumerated() where count > 0 {
                writer.key(Flow_Verdict(rawValue: index)?.protoName ?? String(index))
                writer.number(count)
            }
            writer.endObject()
            writer.key("drop_reasons")
            writer.beginObject()
            for (code, count) in stats.dropReasons.sorted(by: { $0.key < $1.key }) {
                writer.key(Flow_DropReason(rawValue: code)?.protoName ?? String(code))
                writer.number(count)
            }
            writer.endObject()
            writer.key("policies")
            writer.beginArray()
            for policy in stats.policies.sorted() {
                writer.arrayElement()
                writer.beginObject()
                writer.key("effect")
                writer.string(policy.effect)
                writer.key("kind")
                writer.string(policy.kind)
                writer.key("namespace")
                writer.string(policy.namespace)
                writer.key("name")
                writer.string(policy.name)
                writer.endObject()
            }
            writer.endArray()
            writer.key("requests")
            writer.beginObject()
            for (request, count) in stats.requests.sorted(by: { $0.key < $1.key }) {
                writer.key(request)
                writer.number(count)
            }
            writer.endObject()
            writer.key("other_requests")
            writer.number(stats.otherRequests)
            writer.key("first_seen")
            time(stats.firstSeen, into: &writer)
            writer.key("last_seen")
            time(stats.lastSeen, into: &writer)
            writer.endObject()
            out += writer.text + "\n"
        }
        return out
    }

    static func peer(_ peer: Peer, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("kind")
        writer.string(peer.kind.rawValue)
        writer.key("namespace")
        writer.string(peer.namespace)
        writer.key("name")
        writer.string(peer.name)
        writer.endObject()
    }

    static func time(_ nanoseconds: Int64, into writer: inout JSONWriter) {
        guard nanoseconds != 0 else {
            writer.raw(Array("null".utf8))
            return
        }
        let stamp = Google_Protobuf_Timestamp(seconds: nanoseconds / 1_000_000_000, nanos: Int32(nanoseconds % 1_000_000_000))
        writer.string(TimeLayout.rfc3339Nano.format(stamp))
    }
}
