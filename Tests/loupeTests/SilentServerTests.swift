import Foundation
import LoupeTestSupport
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
    }

    @Test func aOneShotReadEndsAfterTheRequestTimeout() async throws {
        let listener = try SilentListener()
        let result = try await LoupeProcess.run(["observe", "--server", "127.0.0.1:\(listener.port)", "--last", "10", "--request-timeout", "1s"])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("did not answer within 1 s (--request-timeout)"), "\(result.stderr)")
    }
}
