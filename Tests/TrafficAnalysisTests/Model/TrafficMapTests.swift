import FlowModel
import Foundation
import HubbleAPI
import LoupeTestSupport
import SwiftProtobuf
import Testing

@testable import TrafficAnalysis

struct TrafficMapTests {
    static func flow(_ json: String) throws -> Flow {
        try Flow(jsonString: json)
    }

    static func seedMap(_ grouping: Grouping = .workload) throws -> TrafficMap {
        var map = TrafficMap(grouping: grouping)
        let lines = try Fixtures.lines(Fixtures.corpus("seed").appendingPathComponent("flows.jsonl"))
        for line in lines {
            map.add(try Array(line.utf8).withUnsafeBytes { try FlowLineDecoder().decode($0) }.envelope)
        }
        return map
    }

    @Test func aReplyCountsWithTheRequestItAnswers() throws {
        let request = try Self.flow("""
            {"verdict":"FORWARDED","IP":{"source":"10.244.1.5","destination":"10.244.2.7"},
             "l4":{"TCP":{"source_port":41234,"destination_port":8080,"flags":{"SYN":true}}},
             "source":{"namespace":"a","pod_name":"client-5dc8fd6498-kfvj6","identity":1000},
             "destination":{"namespace":"b","pod_name":"server-0","identity":2000},"is_reply":false}
            """)
        let reply = try Self.flow("""
            {"verdict":"FORWARDED","IP":{"source":"10.244.2.7","destination":"10.244.1.5"},
             "l4":{"TCP":{"source_port":8080,"destination_port":41234,"flags":{"SYN":true,"ACK":true}}},
             "source":{"namespace":"b","pod_name":"server-0","identity":2000},
             "destination":{"namespace":"a","pod_name":"client-5dc8fd6498-kfvj6","identity":1000},"is_reply":true}
            """)
        var map = TrafficMap()
        map.add(request)
        map.add(reply)
        #expect(map.edges.count == 1)
        let (key, stats) = try #require(map.sortedEdges.first)
        #expect(key.source == Peer(kind: .workload, namespace: "a", name: "client"))
        #expect(key.destination == Peer(kind: .workload, namespace: "b", name: "server"))
        #expect(key.portLabel == "TCP/8080")
        #expect(stats.flows == 2 && stats.count(.forwarded) == 2)
    }

    @Test func withoutIsReplyTheFlagsOrThePortsTellTheDirection() throws {
        var flow = try Self.flow("""
            {"verdict":"FORWARDED","l4":{"TCP":{"source_port":9080,"destination_port":58698,"flags":{"ACK":true}}},
             "source":{"namespace":"b","pod_name":"server-0","identity":2000},"destination":{"namespace":"a","pod_name":"client","identity":1000}}
            """)
        #expect(TrafficMap.isReply(flow), "from a service port to an ephemeral one")
        flow.l4.tcp.flags.syn = true
        #expect(TrafficMap.isReply(flow), "a SYN-ACK")
        flow.l4.tcp.flags.ack = false
        #expect(!TrafficMap.isReply(flow), "a SYN")
        flow.isReply.value = false
        flow.l4.tcp.flags.ack = true
        #expect(!TrafficMap.isReply(flow), "is_reply decides when it is there")
    }

    @Test func theWorldIsNamedByDNSElseByItsAddress() throws {
        let named = try Self.flow("""
            {"verdict":"FORWARDED","IP":{"source":"10.244.1.5","destination":"140.82.112.3"},
             "l4":{"TCP":{"source_port":41234,"destination_port":443}},
             "source":{"namespace":"a","pod_name":"client","identity":1000},
             "destination":{"identity":2,"labels":["reserved:world"]},"destination_names":["api.github.com"]}
            """)
        var unnamed = named
        unnamed.destinationNames = []
        var host = named
        host.destination = Flow_Endpoint()
        host.destination.identity = 1
        let grouping = Grouping.workload
        #expect(grouping.peer(named.destination, address: named.ip.destination, names: named.destinationNames).label == "world:api.github.com")
        #expect(grouping.peer(unnamed.destination, address: unnamed.ip.destination, names: []).label == "world:140.82.112.3")
        #expect(grouping.peer(host.destination, address: "", names: []).label == "host")
        var remote = Flow_Endpoint()
        remote.identity = 7
        #expect(grouping.peer(remote, address: "", names: []).label == "kube-apiserver")
    }

    @Test func theSeedMapsToItsConversations() throws {
        let map = try Self.seedMap()
        let edges = map.sortedEdges
        let labels = edges.map { "\($0.key.source.label) -> \($0.key.destination.label) \($0.key.portLabel)" }
        #expect(labels.contains("universe/curl -> echo/echo TCP/80"))
        #expect(labels.contains("galaxy/curl -> echo/echo TCP/80"))
        #expect(labels.contains("universe/curl -> service:kube-system/kube-dns UDP/53"), "flows to a service's address name the service")
        let denied = try #require(edges.first { $0.key.source.label == "galaxy/curl" && $0.key.portLabel == "TCP/80" })
        // What leaves galaxy's node is forwarded there (to-stack, to-overlay); echo's node drops it.
        #expect(denied.stats.count(.dropped) > 0)
        #expect(denied.stats.dropReasons[Flow_DropReason.policyDenied.rawValue] == denied.stats.count(.dropped))
        let allowed = try #require(edges.first { $0.key.source.label == "universe/curl" && $0.key.portLabel == "TCP/80" })
        #expect(allowed.stats.count(.forwarded) > 0 && allowed.stats.count(.dropped) == 0)
        #expect(map.edges.values.map(\.flows).reduce(0, +) == map.flowsSeen)
    }

    @Test func namespacesAndPodsAreOtherGrains() throws {
        let byNamespace = try Self.seedMap(.namespace)
        #expect(byNamespace.sortedEdges.contains { $0.key.source.label == "galaxy" && $0.key.destination.label == "echo" })
        let byPod = try Self.seedMap(.pod)
        #expect(byPod.sortedEdges.contains { $0.key.destination.label == "echo/echo-5dc8fd6498-kfvj6" })
    }

    /// Memory follows the conversations: a million flows of the same two conversations keep two edges,
    /// and the requests kept per edge are bounded.
    @Test func memoryGrowsWithConversationsNotFlows() throws {
        var flow = try Self.flow("""
            {"verdict":"FORWARDED","IP":{"source":"10.244.1.5","destination":"10.244.2.7"},
             "l4":{"TCP":{"source_port":1,"destination_port":80}},
             "source":{"namespace":"a","pod_name":"client","identity":1000},
             "destination":{"namespace":"b","pod_name":"server","identity":2000},
             "l7":{"type":"REQUEST","http":{"method":"GET","url":"http://server/items/0?x=1"}}}
            """)
        var map = TrafficMap()
        for index in 0..<100_000 {
            flow.l4.tcp.sourcePort = UInt32(1024 + index % 50_000)
            flow.l7.http.url = "http://server/items/\(index)?x=1"
            map.add(flow)
        }
        #expect(map.edges.count == 1)
        let stats = try #require(map.edges.values.first)
        #expect(stats.requests.count == EdgeStats.maximumRequests)
        #expect(stats.requests.values.reduce(0, +) + stats.otherRequests == 100_000)
        #expect(stats.requests["GET /items/0"] == 1)
    }
}
