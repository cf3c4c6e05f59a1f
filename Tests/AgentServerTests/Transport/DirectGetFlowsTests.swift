import FlowClient
import FlowModel
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import HubbleAPI
import NIOCore
import NIOEmbedded
import NIOHPACK
import NIOHTTP2
import SwiftProtobuf
import Testing

@testable import AgentServer

/// GetFlows served on the HTTP/2 stream itself (`GetFlowsStreamHandler`), read over TCP by both of
/// loupe's clients: grpc-swift's, a standard gRPC client, and loupe's own flow stream. What they
/// read is what the in-process transport (grpc-swift's server) gives for the same requests.
@Suite struct DirectGetFlowsTests {
    /// Runs `agent` on a loopback port with GetFlows served directly and hands `body` both clients.
    static func withTCPAgent<R: Sendable>(
        _ agent: Agent, authenticator: BasicAuthenticator? = nil, metadata: Metadata = [:],
        _ body: @Sendable @escaping (
            _ grpc: ObserverConnection<HTTP2ClientTransport.Posix>, _ stream: ObserverConnection<HTTP2ClientTransport.Posix>,
            _ client: GRPCClient<HTTP2ClientTransport.Posix>
        ) async throws -> R
    ) async throws -> R {
        let direct = DirectGetFlows(service: ObserverService(hub: agent.hub, description: agent.description), authenticator: authenticator)
        let transport = HTTP2ServerTransport.Posix(
            address: .ipv4(host: "127.0.0.1", port: 0), transportSecurity: .plaintext, config: AgentTransport.config(getFlows: direct))
        return try await AgentServiceTests.serving(agent, on: transport) {
            guard let port = try await transport.listeningAddress.ipv4?.port else { throw CancellationError() }
            let address = try ServerAddress.parse("127.0.0.1:\(port)")
            return try await withGRPCClient(transport: try ObserverTransport.http2(address)) { client in
                let grpc = ObserverConnection(client: client, server: "agent", metadata: metadata)
                let stream = ObserverConnection(
                    client: client, server: "agent", metadata: metadata,
                    stream: FlowStream(address: address, security: ClientSecurity(), server: "agent"))
                return try await body(grpc, stream, client)
            }
        }
    }

    static let requests: [Observer_GetFlowsRequest] = {
        var last = Observer_GetFlowsRequest()
        last.number = 7
        var first = Observer_GetFlowsRequest()
        first.first = true
        first.number = 3
        var filtered = Observer_GetFlowsRequest()
        var filter = Flow_FlowFilter()
        filter.sourcePod = ["galaxy/"]
        filtered.whitelist = [filter]
        filtered.fieldMask = Google_Protobuf_FieldMask(protoPaths: ["source.pod_name", "verdict", "time"])
        return [last, first, filtered, Observer_GetFlowsRequest()]
    }()

    @Test func bothClientsReadWhatTheInProcessServerGives() async throws {
        let flows: [RingEvent] = (1...40).map { .flow(AgentServiceTests.flow($0, namespace: $0 % 3 == 0 ? "galaxy" : "echo")) }
        let inProcess = AgentServiceTests.agent(nodes: 2)
        inProcess.hub.publish(flows)
        let expected = try await AgentServiceTests.withAgent(inProcess) { connection, _ in
            var all: [[FlowEnvelope]] = []
            for request in Self.requests { all.append(try await AgentServiceTests.collect(connection, request)) }
            return all
        }
        let agent = AgentServiceTests.agent(nodes: 2)
        agent.hub.publish(flows)
        let (grpc, stream) = try await Self.withTCPAgent(agent) { grpc, stream, _ in
            var both: ([[FlowEnvelope]], [[FlowEnvelope]]) = ([], [])
            for request in Self.requests {
                both.0.append(try await AgentServiceTests.collect(grpc, request))
                both.1.append(try await AgentServiceTests.collect(stream, request))
            }
            return both
        }
        // The first response of an agent of several nodes is its node status, dated when sent.
        let undated = { (all: [[FlowEnvelope]]) in all.map { $0.map(Self.undated) } }
        #expect(undated(grpc) == undated(expected))
        #expect(undated(stream) == undated(expected))
        #expect(expected.map(\.count) == [8, 4, 14, 41])
    }

    /// A response without what differs from one call to the next (a node status's time).
    static func undated(_ envelope: FlowEnvelope) -> String {
        if case .nodeStatus(let status)? = envelope.responseTypes { return status.nodeNames.joined(separator: ",") }
        return "\(envelope)"
    }

    @Test func aLongHistoryArrivesWholeAndInOrderThroughTheWindow() async throws {
        let agent = AgentServiceTests.agent(capacity: 20_000)
        agent.hub.publish((1...20_000).map { .flow(AgentServiceTests.flow(Int64($0))) })
        let seconds = try await Self.withTCPAgent(agent) { grpc, stream, _ in
            let request = Observer_GetFlowsRequest()
            return [try await AgentServiceTests.collect(grpc, request), try await AgentServiceTests.collect(stream, request)].map { $0.map { $0.flow.time.seconds - 1_700_000_000 } }
        }
        #expect(seconds[0] == Array(1...20_000))
        #expect(seconds[1] == Array(1...20_000))
    }

    @Test func keptEncodingsAreSentAgainAsTheyWereFirstSent() async throws {
        // Flows, a lost event, flows: later reads send the bytes kept by earlier ones, in runs that
        // stop at the lost event, at the flows no read encoded yet, and at a count.
        var lost = Flow_LostEvent()
        lost.source = .perfEventRingBuffer
        lost.numEventsLost = 9
        let events: [RingEvent] = (1...1_500).map { .flow(AgentServiceTests.flow(Int64($0))) }
            + [.lost(lost, time: Google_Protobuf_Timestamp(seconds: 1_700_001_600))]
            + (1_501...3_000).map { .flow(AgentServiceTests.flow(Int64($0))) }
        var tail = Observer_GetFlowsRequest()
        tail.number = 700
        var head = Observer_GetFlowsRequest()
        head.first = true
        head.number = 2_222
        var masked = Observer_GetFlowsRequest()
        masked.fieldMask = Google_Protobuf_FieldMask(protoPaths: ["time", "verdict"])
        let requests = [tail, Observer_GetFlowsRequest(), Observer_GetFlowsRequest(), head, masked, tail]

        // What each request gets from an agent that has encoded nothing before it.
        var expected: [[FlowEnvelope]] = []
        for request in requests {
            let fresh = AgentServiceTests.agent(capacity: 5_000)
            fresh.hub.publish(events)
            expected.append(try await AgentServiceTests.withAgent(fresh) { connection, _ in try await AgentServiceTests.collect(connection, request) })
        }
        let agent = AgentServiceTests.agent(capacity: 5_000)
        agent.hub.publish(events)
        let read = try await Self.withTCPAgent(agent) { _, stream, _ in
            var all: [[FlowEnvelope]] = []
            for request in requests { all.append(try await AgentServiceTests.collect(stream, request)) }
            return all
        }
        #expect(expected.map(\.count) == [700, 3_001, 3_001, 2_223, 3_001, 700])
        for (index, (got, want)) in zip(read, expected).enumerated() {
            #expect(got.map(Self.undated) == want.map(Self.undated), "request \(index)")
        }
        // What the last two reads kept: the masked read's bytes up to the lost event, and the
        // last 700 flows encoded again without a mask, in one batch, so one run.
        let masks = agent.hub.withRing { ring in
            (ring.keptRuns(from: 0, to: .max, limit: .max, key: "time,verdict").next,
             ring.keptRuns(from: 2_301, to: .max, limit: .max, key: "").runs.count,
             ring.keptRuns(from: 2_301, to: .max, limit: .max, key: "").next)
        }
        #expect(masks == (1_500, 1, 3_001))
    }

    @Test func piecesAreSentAsViewsAndSmallOnesGathered() {
        let piece = { (size: Int, byte: UInt8) in ByteBuffer(bytes: Array(repeating: byte, count: size)) }
        let frames = DirectGetFlows.frames([piece(100, 1), piece(200, 2), piece(100_000, 3), piece(10, 4), ByteBuffer()])
        let payloads = frames.map { frame -> [UInt8] in
            guard case .data(let data) = frame, case .byteBuffer(let bytes) = data.data else { return [] }
            return Array(bytes.readableBytesView)
        }
        #expect(payloads.map(\.count) == [300, 65_536, 34_464, 10])
        #expect(payloads.flatMap { $0 } == Array(repeating: 1, count: 100) + Array(repeating: 2, count: 200) + Array(repeating: 3, count: 100_000) + [UInt8](repeating: 4, count: 10))
        // A batch written whole goes as it is, however small.
        let single = DirectGetFlows.frames([piece(70, 5)])
        #expect(single.count == 1)
        if case .data(let data) = single.first, case .byteBuffer(let bytes) = data.data { #expect(bytes.readableBytes == 70) }
    }

    @Test func refusedRequestsCarryTheReferenceCodesAndTexts() async throws {
        var invalid = Observer_GetFlowsRequest()
        invalid.first = true
        invalid.follow = true
        // Over the agent's bound on a request.
        var huge = Observer_GetFlowsRequest()
        var filter = Flow_FlowFilter()
        filter.sourcePod = Array(repeating: String(repeating: "p", count: 1000), count: 1100)
        huge.whitelist = [filter]
        let requests = [invalid, huge]
        let failures = try await Self.withTCPAgent(AgentServiceTests.agent()) { grpc, stream, _ in
            var results: [String] = []
            for request in requests {
                for connection in [grpc, stream] { results.append(try await AgentServiceTests.failure(connection, request)) }
            }
            return results
        }
        #expect(Array(failures.prefix(2)) == Array(repeating: "rpc error: code = InvalidArgument desc = first cannot be specified with follow", count: 2))
        #expect(failures.suffix(2).allSatisfy { $0.contains("ResourceExhausted") && $0.contains("at most 1048576") }, "\(failures.suffix(2))")
    }

    @Test func aFollowerEndsCleanlyWhenTheAgentStops() async throws {
        let agent = AgentServiceTests.agent()
        agent.hub.publish((1...3).map { .flow(AgentServiceTests.flow($0)) })
        let hub = agent.hub
        let seen = try await Self.withTCPAgent(agent) { _, stream, _ in
            var request = Observer_GetFlowsRequest()
            request.follow = true
            request.number = 3
            return try await stream.flows(request) { batches in
                var seen: [Int64] = []
                for try await batch in batches {
                    seen += batch.map { $0.flow.time.seconds - 1_700_000_000 }
                    if seen.count == 3 { hub.publish([.flow(AgentServiceTests.flow(4))]) }
                    if seen.count == 4 { hub.close() }
                }
                return seen
            }
        }
        #expect(seen == [1, 2, 3, 4])
    }

    @Test func basicAuthenticationIsCheckedOnTheDirectPathToo() async throws {
        let authenticator = BasicAuthenticator(users: try BasicAuthUsers(text: BasicAuthenticatorTests.file, file: "users"))
        let agent = AgentServiceTests.agent()
        agent.hub.publish([.flow(AgentServiceTests.flow(1))])
        let metadata: Metadata = ["authorization": .string(BasicAuthenticatorTests.header("alice:loupe"))]
        let outcomes = try await Self.withTCPAgent(agent, authenticator: authenticator) { anonymous, _, client in
            var outcomes: [String] = []
            for connection in [anonymous, ObserverConnection(client: client, server: "agent", metadata: metadata)] {
                do {
                    outcomes.append("\(try await AgentServiceTests.collect(connection, Observer_GetFlowsRequest()).count) flows")
                } catch let error as ServerError {
                    outcomes.append(error.description)
                }
            }
            return outcomes
        }
        #expect(outcomes.first?.contains("Unauthenticated") == true && outcomes.first?.contains("needs basic authentication") == true)
        #expect(outcomes.last == "1 flows")
    }

    /// Calls other than GetFlows, and GetFlows with a deadline, go to grpc-swift untouched.
    @Test func otherCallsPassThrough() throws {
        let agent = AgentServiceTests.agent()
        let direct = DirectGetFlows(service: ObserverService(hub: agent.hub, description: agent.description))
        for headers: HPACKHeaders in [
            [":method": "POST", ":path": "/observer.Observer/ServerStatus", "content-type": "application/grpc"],
            [":method": "POST", ":path": "/observer.Observer/GetFlows", "content-type": "application/grpc", "grpc-timeout": "10S"],
        ] {
            let channel = EmbeddedChannel()
            try channel.pipeline.syncOperations.addHandler(GetFlowsStreamHandler(call: direct))
            try channel.writeInbound(HTTP2Frame.FramePayload.headers(.init(headers: headers)))
            let passed = try channel.readInbound(as: HTTP2Frame.FramePayload.self)
            guard case .headers(let seen)? = passed else {
                Issue.record("not passed through: \(String(describing: passed))")
                continue
            }
            #expect(seen.headers.first(name: ":path") == headers.first(name: ":path"))
            // The request that follows too.
            try channel.writeInbound(HTTP2Frame.FramePayload.data(.init(data: .byteBuffer(ByteBuffer(bytes: [0, 0, 0, 0, 0])))))
            #expect(try channel.readInbound(as: HTTP2Frame.FramePayload.self) != nil)
            _ = try channel.finish()
        }
    }
}
