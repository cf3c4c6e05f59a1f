import FlowClient
import Foundation
import Synchronization

/// `--port-forward` (`-P`), as the reference CLI has it: Hubble Relay's service forwarded to this
/// machine by `kubectl port-forward`, with the user's kubectl, kubeconfig and context, for as long as
/// a connection needs it.
///
/// The reference forwards with client-go inside the CLI; loupe runs the user's `kubectl`, which
/// reads the same kubeconfig (`--kubeconfig`, `KUBECONFIG`, `~/.kube/config`) and context.
package struct PortForward: Sendable, Equatable {
    package var namespace = "kube-system"
    package var service = "hubble-relay"
    /// The service's port (Hubble Relay serves on 80, or 443 with TLS).
    package var remotePort: UInt16 = 80
    /// The local port; 0 lets kubectl pick a free one.
    package var localPort: UInt16 = 0
    package var kubeContext: String?
    package var kubeconfig: String?
    /// Where `kubectl` is looked for: the `PATH` of the command's environment.
    package var searchPath = "/usr/local/bin:/usr/bin:/bin"
    package var environment: [String: String] = [:]

    package init() {}

    /// What failed, worded for the user, with what to try.
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// The arguments given to kubectl.
    package var arguments: [String] {
        var arguments: [String] = []
        if let kubeconfig { arguments += ["--kubeconfig", kubeconfig] }
        if let kubeContext { arguments += ["--context", kubeContext] }
        return arguments + ["-n", namespace, "port-forward", "svc/\(service)", "\(localPort):\(remotePort)"]
    }

    /// How to forward the port by hand, for messages.
    var byHand: String {
        "kubectl -n \(namespace) port-forward svc/\(service) 4245:\(remotePort), then --server localhost:4245"
    }

    /// The kubectl of `searchPath`.
    func kubectl() throws(Failure) -> String {
        for folder in searchPath.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/kubectl"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Failure(description: "--port-forward needs kubectl, which is not in PATH: install it, or forward the port yourself: \(byHand)")
    }

    /// Starts kubectl, waits until it forwards, runs `body` with the local address, and stops kubectl
    /// when `body` ends (or fails).
    package func run<Result: Sendable>(_ body: (ServerAddress) async throws -> Result) async throws -> Result {
        let child = try await start()
        defer { child.stop() }
        return try await body(try ServerAddress.parse("127.0.0.1:\(child.port)"))
    }

    /// A running `kubectl port-forward` and the local port it forwards.
    struct Forwarding {
        let process: Process
        let port: UInt16

        /// Kills kubectl. (It may ignore SIGTERM: a child keeps the signals its parent ignores, and
        /// loupe ignores SIGINT and SIGTERM to handle them itself.)
        func stop() {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
    }

    /// kubectl says `Forwarding from 127.0.0.1:PORT -> REMOTE` once it listens; anything else it
    /// says on stderr before it ends is the reason it could not.
    private func start() async throws -> Forwarding {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try kubectl())
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let said = Transcript()
        let (events, continuation) = AsyncStream.makeStream(of: Void.self)
        output.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil }
            said.text.withLock { $0.output += String(decoding: data, as: UTF8.self) }
            continuation.yield()
        }
        errors.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil }
            said.text.withLock { $0.errors += String(decoding: data, as: UTF8.self) }
            continuation.yield()
        }
        process.terminationHandler = { _ in continuation.finish() }
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot start kubectl: \(error.localizedDescription)")
        }
        let deadline = ContinuousClock.now + .seconds(30)
        let port = await withTaskGroup(of: Void.self) { group -> UInt16? in
            // The deadline ends the wait too: a kubectl that neither forwards nor fails is stopped.
            group.addTask {
                try? await Task.sleep(until: deadline)
                continuation.finish()
            }
            defer { group.cancelAll() }
            for await _ in events {
                if let port = Self.forwardedPort(in: said.text.withLock { $0.output }) { return port }
            }
            return nil
        }
        if let port { return Forwarding(process: process, port: port) }
        Forwarding(process: process, port: 0).stop()
        let reason = said.text.withLock { $0.errors }.split(separator: "\n").map(String.init).last { !$0.isEmpty }
        if ContinuousClock.now >= deadline {
            throw Failure(description: "kubectl port-forward did not forward within 30 s; try it yourself: \(byHand)")
        }
        throw Failure(description: "kubectl port-forward failed: \(reason ?? "it ended without saying why"); try it yourself: \(byHand)")
    }

    /// The local port of kubectl's `Forwarding from 127.0.0.1:PORT -> …` line.
    static func forwardedPort(in output: String) -> UInt16? {
        for line in output.split(separator: "\n") where line.hasPrefix("Forwarding from 127.0.0.1:") {
            let rest = line.dropFirst("Forwarding from 127.0.0.1:".count)
            if let port = UInt16(rest.prefix { $0.isNumber }) { return port }
        }
        return nil
    }
}

/// What kubectl printed, gathered by its pipes' handlers.
private final class Transcript: Sendable {
    let text = Mutex((output: "", errors: ""))
}
