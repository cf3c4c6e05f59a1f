import Foundation
import HubbleAPI
import LoupeTestSupport
import SwiftProtobuf
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// GetFlows answered byte by byte by a server written here: what loupe does with a server that
/// sends one flow at a time, and with a message that does not decode.
@Suite struct HandWrittenServerTests {
    typealias Listener = SilentServerTests.SilentListener

    /// Response headers: `:status: 200` (HPACK static entry 8), `content-type: application/grpc`
    /// (a literal with static name 31), ending the HEADERS frame on stream 1.
    static let responseHeaders: [UInt8] = {
        let block: [UInt8] = [0x88, 0x0F, 0x10, 16] + Array("application/grpc".utf8)
        return [0, 0, UInt8(block.count), 1, 0x4, 0, 0, 0, 1] + block
    }()

    /// A DATA frame on stream 1 carrying `messages`, each length-prefixed as gRPC frames them.
    static func data(_ messages: [[UInt8]]) -> [UInt8] {
        var payload: [UInt8] = []
        for message in messages {
            payload.append(0)
            payload += withUnsafeBytes(of: UInt32(message.count).bigEndian, Array.init)
            payload += message
        }
        let length = withUnsafeBytes(of: UInt32(payload.count).bigEndian, Array.init).suffix(3)
        let header: [UInt8] = Array(length) + [0, 0, 0, 0, 0, 1]
        return header + payload
    }

    static func flow(_ index: Int) throws -> [UInt8] {
        var record = Observer_GetFlowsResponse()
        record.flow.time = Google_Protobuf_Timestamp(seconds: 1_700_000_000 + Int64(index), nanos: 0)
        record.flow.verdict = .forwarded
        record.flow.type = .l3L4
        record.flow.ip.source = "10.0.0.\(index)"
        record.flow.ip.destination = "10.0.1.1"
        record.flow.l4.tcp.sourcePort = 40000
        record.flow.l4.tcp.destinationPort = 80
        record.flow.source.namespace = "trickle"
        record.flow.source.podName = "pod-\(index)"
        record.flow.destination.namespace = "trickle"
        record.flow.destination.podName = "sink"
        return try record.serializedBytes()
    }

    /// A server that sends its flows one at a time and each only once loupe has printed the one
    /// before: every flow is printed while the server is quiet, however loupe paces its reads of
    /// a server that trickles (none waits for more bytes to come).
    @Test func aTricklingServersFlowsAreEachPrintedWithoutWaitingForTheNext() async throws {
        let listener = try Listener()
        let printed = Mutex(0)
        let flows = try (1...4).map(Self.flow)
        listener.acceptEach { client in
            guard SilentServerTests.awaitRequest(client) else {
                close(client)
                return
            }
            let headers = Self.responseHeaders
            _ = write(client, headers, headers.count)
            for (index, flow) in flows.enumerated() {
                let frame = Self.data([flow])
                _ = write(client, frame, frame.count)
                // Bounded, so that a loupe that never prints does not leave the thread behind.
                for _ in 0..<3000 where printed.withLock({ $0 }) <= index { usleep(10_000) }
            }
            _ = SilentServerTests.readToEnd(client)
            close(client)
        }
        defer { shutdown(listener.descriptor, Int32(SHUT_RDWR)) }
        let follower = try BackgroundProcess(["observe", "--server", "127.0.0.1:\(listener.port)", "-f"], product: "loupe")
        for index in 1...4 {
            #expect(await follower.waitForStdout(containing: "trickle/pod-\(index)"), "flow \(index) not printed: \(follower.stdout)")
            printed.withLock { $0 = index }
        }
        follower.signal(SIGINT)
        #expect(await follower.wait() == 0)
        #expect(follower.stdout.split(separator: "\n").count == 4, "\(follower.stdout)")
    }

    /// A message that does not decode after one that does, in the same DATA: the first flow is
    /// printed, the failure told, and the stream cancelled (RST_STREAM CANCEL) before the close.
    @Test func anUndecodableMessageEndsTheReadAfterTheFlowsBeforeIt() async throws {
        let listener = try Listener()
        let afterAnswer = Mutex<[UInt8]?>(nil)
        // Field 1 (the flow), 127 bytes long, and nothing after it.
        let data = try Self.data([Self.flow(1), [0x0A, 0x7F]])
        listener.acceptEach { client in
            guard SilentServerTests.awaitRequest(client) else {
                close(client)
                return
            }
            let answer = Self.responseHeaders + data
            _ = write(client, answer, answer.count)
            let rest = SilentServerTests.readToEnd(client)
            close(client)
            afterAnswer.withLock { $0 = rest }
        }
        defer { shutdown(listener.descriptor, Int32(SHUT_RDWR)) }
        let result = try await InProcessLoupe.run(["observe", "--server", "127.0.0.1:\(listener.port)", "--last", "10"])
        #expect(result.status != 0)
        #expect(result.stdout.contains("trickle/pod-1"), "\(result.stdout)")
        #expect(result.stderr.contains("cannot decode the server's message"), "\(result.stderr)")
        while afterAnswer.withLock({ $0 == nil }) { try await Task.sleep(for: .milliseconds(10)) }
        let sent = afterAnswer.withLock { $0 ?? [] }
        #expect(SilentServerTests.holdsCancel(sent), "\(sent)")
    }
}
