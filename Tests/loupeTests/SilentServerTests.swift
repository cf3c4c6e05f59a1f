import Foundation
import LoupeTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A server that accepts connections and never answers does not hang loupe: a one-shot read ends
/// after `--request-timeout` with a message saying so (which only the deadline produces; the test
/// has no timer of its own: a run that hung would be stopped by the suite's limit).
@Suite struct SilentServerTests {
    /// A listening socket on a free loopback port that never accepts nor reads: the kernel completes
    /// the handshake, nothing answers.
    final class SilentListener {
        let descriptor: Int32
        let port: Int

        init() throws {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0, listen(descriptor, 16) == 0 else { throw LoupeProcess.Failure(description: "cannot listen: errno \(errno)") }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
            }
            self.descriptor = descriptor
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(descriptor) }

        /// Serves each connection with `handle` on a thread of its own, until the listener shuts down.
        func acceptEach(_ handle: @escaping @Sendable (Int32) -> Void) {
            let descriptor = descriptor
            Thread {
                while true {
                    let client = accept(descriptor, nil, nil)
                    guard client >= 0 else { return }
                    Thread { handle(client) }.start()
                }
            }.start()
        }
    }

    @Test func aOneShotReadEndsAfterTheRequestTimeout() async throws {
        let listener = try SilentListener()
        let result = try await LoupeProcess.run(["observe", "--server", "127.0.0.1:\(listener.port)", "--last", "10", "--request-timeout", "1s"])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("did not answer within 1 s (--request-timeout)"), "\(result.stderr)")
    }

    /// Starts a thread answering every connection with `answer` once it has read the client's first
    /// bytes, then ending it; returns the address. The thread ends when the listener shuts down.
    static func answering(_ listener: SilentListener, with answer: [UInt8]) -> String {
        let descriptor = listener.descriptor
        Thread {
            while true {
                let client = accept(descriptor, nil, nil)
                guard client >= 0 else { return }
                var request = [UInt8](repeating: 0, count: 4096)
                _ = read(client, &request, request.count)
                _ = write(client, answer, answer.count)
                // Closed only once the client has: unread bytes would make the close a reset, which
                // can overtake the answer.
                shutdown(client, Int32(SHUT_WR))
                while read(client, &request, request.count) > 0 {}
                close(client)
            }
        }.start()
        return "127.0.0.1:\(listener.port)"
    }

    /// A server that speaks HTTP/2 (its SETTINGS) and then holds the call without response headers,
    /// as grpc-go does until a followed stream's first flow: a follow waits past `--request-timeout`
    /// quietly; a one-shot read is still bounded by it.
    @Test func aFollowWaitsForItsFirstFlowPastTheRequestTimeout() async throws {
        let listener = try SilentListener()
        let descriptor = listener.descriptor
        let requests = Mutex(0)
        listener.acceptEach { client in
            var bytes = [UInt8](repeating: 0, count: 4096)
            _ = read(client, &bytes, bytes.count)
            let settings: [UInt8] = [0, 0, 0, 4, 0, 0, 0, 0, 0]
            _ = write(client, settings, settings.count)
            requests.withLock { $0 += 1 }
            while read(client, &bytes, bytes.count) > 0 {}
            close(client)
        }
        defer { shutdown(descriptor, Int32(SHUT_RDWR)) }
        let address = "127.0.0.1:\(listener.port)"
        let follower = try BackgroundProcess(["observe", "--server", address, "-f", "--request-timeout", "1s"], product: "loupe")
        while requests.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(20)) }
        // Twice the request timeout after the server's preface: a deadline on the headers would have ended it.
        try await Task.sleep(for: .seconds(2))
        follower.signal(SIGINT)
        #expect(await follower.wait() == 0)
        #expect(follower.stderrLines.isEmpty, "\(follower.stderrLines)")
        let once = try await InProcessLoupe.run(["observe", "--server", address, "--last", "1", "--request-timeout", "1s"])
        #expect(once.status != 0)
        #expect(once.stderr.contains("did not answer within 1 s (--request-timeout)"), "\(once.stderr)")
    }

    /// A server that closes each connection as soon as it has accepted it: the read ends at once
    /// with a failure (however the close reaches loupe: before or after the call started, as an end
    /// of file or a reset), never a wait.
    @Test func aServerClosingAtOnceEndsTheReadAtOnce() async throws {
        let listener = try SilentListener()
        let descriptor = listener.descriptor
        Thread {
            while true {
                let client = accept(descriptor, nil, nil)
                guard client >= 0 else { return }
                close(client)
            }
        }.start()
        defer { shutdown(descriptor, Int32(SHUT_RDWR)) }
        let address = "127.0.0.1:\(listener.port)"
        for _ in 0..<5 {
            let result = try await InProcessLoupe.run(["observe", "--server", address, "--last", "1"])
            #expect(result.status == 3)
            #expect(result.stderr.hasPrefix("loupe: cannot reach \(address): "), "\(result.stderr)")
        }
    }

    /// Something else on the port (an HTTP/1 server, here) is told as not HTTP/2, at once.
    @Test func aServerThatIsNotHTTP2IsToldAsSuch() async throws {
        let listener = try SilentListener()
        let address = Self.answering(listener, with: Array("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".utf8))
        defer { shutdown(listener.descriptor, Int32(SHUT_RDWR)) }
        let result = try await InProcessLoupe.run(["observe", "--server", address, "--last", "1"])
        #expect(result.status == 3)
        #expect(result.stderr == "loupe: cannot reach \(address): the server does not speak HTTP/2 (if it serves TLS, use tls:// or --tls)\n")
    }

    /// A server that says why it goes away (GOAWAY with an error code) and closes: the reason is told.
    @Test func aServerGoingAwayWithAnErrorIsToldWithItsReason() async throws {
        let listener = try SilentListener()
        let debug = Array("too_many_pings".utf8)
        let settings: [UInt8] = [0, 0, 0, 4, 0, 0, 0, 0, 0]
        let goAway: [UInt8] = [0, 0, UInt8(8 + debug.count), 7, 0, 0, 0, 0, 0] + [0, 0, 0, 1] + [0, 0, 0, 0x0B] + debug
        let address = Self.answering(listener, with: settings + goAway)
        defer { shutdown(listener.descriptor, Int32(SHUT_RDWR)) }
        let result = try await InProcessLoupe.run(["observe", "--server", address, "--last", "1"])
        #expect(result.status == 3)
        #expect(result.stderr == "loupe: cannot reach \(address): the server closed the connection (GOAWAY ENHANCE_YOUR_CALM: too_many_pings)\n")
    }

    /// A server that answers with something loupe gives up on (here, response headers that are not
    /// gRPC's): loupe says so, and tells the server it cancels the stream (RST_STREAM CANCEL) before
    /// it closes the connection, so that the server stops the call rather than learn of it from a
    /// closed connection.
    @Test func aStreamGivenUpIsCancelledBeforeTheConnectionCloses() async throws {
        let listener = try SilentListener()
        let descriptor = listener.descriptor
        // What the client sent after the answer, on each connection that got one (loupe's other
        // connection, grpc-swift's for the unary calls, makes no call here).
        let afterAnswer = Mutex<[[UInt8]]>([])
        // HPACK: `:status: 200` (static entry 8), then `content-type` (static entry 31) as a literal.
        let block: [UInt8] = [0x88, 0x0F, 0x10, 9] + Array("text/html".utf8)
        let headers: [UInt8] = [0, 0, UInt8(block.count), 1, 0x4, 0, 0, 0, 1] + block
        listener.acceptEach { client in
            guard Self.awaitRequest(client) else {
                close(client)
                return
            }
            _ = write(client, headers, headers.count)
            let rest = Self.readToEnd(client)
            close(client)
            afterAnswer.withLock { $0.append(rest) }
        }
        defer { shutdown(descriptor, Int32(SHUT_RDWR)) }
        let address = "127.0.0.1:\(listener.port)"
        let result = try await InProcessLoupe.run(["observe", "--server", address, "--last", "1"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("the server does not speak gRPC (content-type text/html)"), "\(result.stderr)")
        while afterAnswer.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(10)) }
        let sent = afterAnswer.withLock { $0[0] }
        #expect(Self.holdsCancel(sent), "\(sent)")
    }

    /// Sends the server's SETTINGS and reads until the client's request HEADERS (a request comes
    /// once its client has the SETTINGS): false when the client closed first.
    static func awaitRequest(_ client: Int32) -> Bool {
        let settings: [UInt8] = [0, 0, 0, 4, 0, 0, 0, 0, 0]
        _ = write(client, settings, settings.count)
        var bytes = [UInt8](repeating: 0, count: 4096)
        var received: [UInt8] = []
        // Frames after the 24-byte preface: 3 bytes of length, then the type (1: HEADERS).
        var frame = 24
        while true {
            let count = read(client, &bytes, bytes.count)
            guard count > 0 else { return false }
            received += bytes[0..<count]
            while frame + 9 <= received.count {
                if received[frame + 3] == 1 { return true }
                frame += 9 + (Int(received[frame]) << 16 | Int(received[frame + 1]) << 8 | Int(received[frame + 2]))
            }
        }
    }

    /// What the client sends until it closes the connection.
    static func readToEnd(_ client: Int32) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 4096)
        var rest: [UInt8] = []
        while true {
            let count = read(client, &bytes, bytes.count)
            guard count > 0 else { return rest }
            rest += bytes[0..<count]
        }
    }

    /// Whether `sent` holds RST_STREAM CANCEL for the call's stream.
    static func holdsCancel(_ sent: [UInt8]) -> Bool {
        let cancel: [UInt8] = [0, 0, 4, 3, 0, 0, 0, 0, 1, 0, 0, 0, 8]
        return sent.count >= cancel.count && (0...(sent.count - cancel.count)).contains { Array(sent[$0..<($0 + cancel.count)]) == cancel }
    }
}
