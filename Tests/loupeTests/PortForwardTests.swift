import Foundation
import LoupeTestSupport
import Testing

/// `--port-forward` (`-P`) with a stand-in for kubectl: it is given the namespace, service, context
/// and ports, its forward is used and then stopped, and its absence or failure is told plainly.
@Suite struct PortForwardTests {
    /// A folder holding an executable `kubectl` with `script` as its body.
    static func fakeKubectl(_ script: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-kubectl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let kubectl = folder.appendingPathComponent("kubectl")
        try ("#!/bin/sh\n" + script).write(to: kubectl, atomically: true, encoding: .utf8)
        chmod(kubectl.path, 0o755)
        return folder
    }

    @Test func withoutKubectlTheMessageSaysWhatToDo() async throws {
        let empty = try Self.fakeKubectl("exit 0")
        try FileManager.default.removeItem(at: empty.appendingPathComponent("kubectl"))
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try await InProcessLoupe.run(["observe", "-P", "--last", "1"], environment: ["PATH": empty.path])
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix("loupe: cannot reach kube-system/svc/hubble-relay: --port-forward needs kubectl, which is not in PATH"))
        #expect(result.stderr.contains("kubectl -n kube-system port-forward svc/hubble-relay 4245:80"))
    }

    @Test func aFailedForwardSaysWhy() async throws {
        let folder = try Self.fakeKubectl(#"echo 'Error from server (NotFound): services "hubble-relay" not found' >&2; exit 1"#)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await InProcessLoupe.run(["status", "--port-forward"], environment: ["PATH": folder.path + ":/usr/bin:/bin"])
        #expect(result.status == 3)
        #expect(result.stderr.contains(#"kubectl port-forward failed: Error from server (NotFound): services "hubble-relay" not found"#))
    }

    @Test func flowsComeThroughTheForwardWhichIsStoppedAfterwards() async throws {
        let (agent, address) = try await ServerEndToEndTests.agent()
        defer { agent.signal(SIGTERM) }
        let port = address.split(separator: ":").last!
        let folder = try Self.fakeKubectl("""
            echo "$@" > "$(dirname "$0")/arguments"
            echo $$ > "$(dirname "$0")/pid"
            echo "Forwarding from 127.0.0.1:\(port) -> 4245"
            exec sleep 60
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await InProcessLoupe.run(
            ["observe", "-P", "--last", "3", "--kube-namespace", "cilium", "--kube-context", "kind-kind", "--port-forward-port", "4999"],
            environment: ["PATH": folder.path + ":/usr/bin:/bin"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 3)
        let arguments = try String(contentsOf: folder.appendingPathComponent("arguments"), encoding: .utf8)
        #expect(arguments == "--context kind-kind -n cilium port-forward svc/hubble-relay 4999:80\n")
        let pid = try #require(pid_t(String(contentsOf: folder.appendingPathComponent("pid"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        var stopped = false
        for _ in 0..<50 where !stopped {
            stopped = kill(pid, 0) != 0
            if !stopped { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(stopped, "kubectl was left running")
    }
}
