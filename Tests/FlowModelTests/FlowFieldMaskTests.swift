import FlowModel
import HubbleAPI
import SwiftProtobuf
import Testing

/// Field masks over flow.Flow (`protocol.md` §7.6, §11.3).
@Suite struct FlowFieldMaskTests {
    static var flow: Flow {
        var flow = Flow()
        flow.time = Google_Protobuf_Timestamp(seconds: 1_745_753_171, nanos: 993_041_900)
        flow.verdict = .dropped
        flow.source.identity = 93339
        flow.source.namespace = "universe"
        flow.source.podName = "curl"
        flow.source.labels = ["k8s:app=curl"]
        flow.destination.identity = 71969
        flow.destination.podName = "echo"
        flow.ip.source = "10.244.2.23"
        flow.ip.destination = "10.244.1.87"
        var tcp = Flow_TCP()
        tcp.destinationPort = 80
        tcp.flags.syn = true
        flow.l4.tcp = tcp
        flow.nodeName = "kind-kind/kind-worker"
        flow.trafficDirection = .ingress
        flow.summary = "TCP Flags: SYN"
        flow.isReply = Google_Protobuf_BoolValue(false)
        return flow
    }

    @Test func keepsOnlyTheSelectedLeaves() throws {
        let mask = try FlowFieldMask(paths: ["source.pod_name", "verdict", "IP", "Summary"])
        let masked = mask.apply(to: Self.flow)
        var expected = Flow()
        expected.source.podName = "curl"
        expected.verdict = .dropped
        expected.ip = Self.flow.ip
        expected.summary = "TCP Flags: SYN"
        #expect(masked == expected)
        #expect(!masked.hasTime)
        #expect(!masked.hasDestination)
    }

    @Test func messagesOnTheWayToASelectedPathArePresentEvenWhenEmpty() throws {
        let mask = try FlowFieldMask(paths: ["destination.identity", "l7.dns.query"])
        let masked = mask.apply(to: Self.flow)
        #expect(masked.hasDestination && masked.destination.identity == 71969)
        #expect(masked.hasL7 && masked.l7.dns.query.isEmpty)
        // A selected leaf that the flow lacks stays absent.
        let whole = try FlowFieldMask(paths: ["l7"]).apply(to: Self.flow)
        #expect(!whole.hasL7)
    }

    @Test func oneofMembersAndWrappersAreCopied() throws {
        let masked = try FlowFieldMask(paths: ["l4.TCP.flags", "is_reply"]).apply(to: Self.flow)
        #expect(masked.l4.tcp.flags.syn)
        #expect(masked.l4.tcp.destinationPort == 0)
        #expect(masked.hasIsReply && masked.isReply.value == false)
        let udp = try FlowFieldMask(paths: ["l4.UDP"]).apply(to: Self.flow)
        #expect(udp.l4.protocol == nil)
    }

    @Test func pathsAreNormalised() throws {
        let mask = try FlowFieldMask(paths: ["source.identity", "verdict", "source", "verdict", "source.pod_name", "IP"])
        #expect(mask.paths == ["IP", "source", "verdict"])
        #expect(mask.requestedPaths.first == "source.identity")
        #expect(mask.apply(to: Self.flow).source == Self.flow.source)
    }

    @Test(arguments: ["nope", "source.nope", "source.labels.x", "source.workloads.name", "verdict.x", "", "source.", "time.seconds.x"])
    func invalidPathsAreRejectedWithTheReferenceWording(_ path: String) {
        #expect(throws: FlowFieldMask.InvalidPath.self) { try FlowFieldMask(paths: [path]) }
        do {
            _ = try FlowFieldMask(paths: ["verdict", path])
        } catch {
            #expect(error.description == "proto: invalid path \"\(path)\" for message \"flow.Flow\"")
        }
    }

    @Test func wellKnownTypesCanBeDescended() throws {
        let masked = try FlowFieldMask(paths: ["time.seconds"]).apply(to: Self.flow)
        #expect(masked.time.seconds == 1_745_753_171 && masked.time.nanos == 0)
    }

    @Test func theReferenceDefaultMaskIsValidAndKeepsWhatCompactPrints() throws {
        let mask = try FlowFieldMask(paths: FlowFieldMask.referenceDefaultPaths)
        let masked = mask.apply(to: Self.flow)
        #expect(masked.source.identity == 93339 && masked.source.podName == "curl")
        #expect(masked.source.labels.isEmpty)
        #expect(masked.trafficDirection.rawValue == 0)
        #expect(masked.l4 == Self.flow.l4 && masked.summary == Self.flow.summary && masked.time == Self.flow.time)
    }

    @Test func anEmptyMaskSelectsEverything() throws {
        let mask = try FlowFieldMask(paths: [])
        #expect(mask.isEmpty)
        #expect(mask.apply(to: Self.flow) == Self.flow)
    }
}
