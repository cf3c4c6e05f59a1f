import Foundation
import LoupeTestSupport
import Testing

/// loupe and loupe-agent over TLS and mTLS, with a certificate authority made for the test.
@Suite(.serialized) struct TLSEndToEndTests {
    static var opensslAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") }

    /// A CA, a server certificate for `agent.loupe.test` (no IP address in it, so the name must be
    /// given), another for `agent.loupe.test` and 127.0.0.1 (`server-ip`), and a client
    /// certificate, in a new directory.
    static func certificates() async throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-tls-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let script = """
            set -e
            key() { openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$1.key" -out "$1.csr" -subj "/CN=$2" 2>/dev/null; }
            openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.pem -days 1 -subj "/CN=loupe test CA" 2>/dev/null
            key server agent.loupe.test
            printf 'subjectAltName=DNS:agent.loupe.test\\n' > server.ext
            openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 1 -extfile server.ext 2>/dev/null
            key server-ip agent.loupe.test
            printf 'subjectAltName=DNS:agent.loupe.test,IP:127.0.0.1\\n' > server-ip.ext
            openssl x509 -req -in server-ip.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server-ip.pem -days 1 -extfile server-ip.ext 2>/dev/null
            key client "loupe client"
            openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client.pem -days 1 2>/dev/null
            """
        let make = try ChildProcess("/bin/bash", ["-c", script], environment: ProcessInfo.processInfo.environment, directory: dir.path)
        guard await make.wait(timeout: 60) == 0 else {
            throw LoupeProcess.Failure(description: "openssl failed: \(String(decoding: make.stderr, as: UTF8.self))")
        }
        return dir
    }

    @Test(.enabled(if: opensslAvailable)) func tlsNeedsTheRightAuthorityAndName() async throws {
        let dir = try await Self.certificates()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = { (name: String) in dir.appendingPathComponent(name).path }
        let (agent, address) = try await ClusterStreamingEndToEndTests.agent(
            ["--node", "kind-worker", "--tls-cert-file", file("server.pem"), "--tls-key-file", file("server.key")])
        defer { agent.signal(SIGTERM) }

        let plaintext = try await LoupeProcess.run(["observe", "--server", address, "--last", "3"])
        #expect(plaintext.status == 3, "a plaintext client gets no data from a TLS agent")
        #expect(plaintext.stdout.isEmpty)

        let trusted = ["--tls-ca-cert-files", file("ca.pem"), "--tls-server-name", "agent.loupe.test"]
        let good = try await LoupeProcess.run(["observe", "--server", "tls://\(address)", "--last", "3"] + trusted)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.split(separator: "\n").count == 3)
        let flag = try await LoupeProcess.run(["observe", "--server", address, "--tls", "--last", "3"] + trusted)
        #expect(flag.status == 0 && flag.stdout.split(separator: "\n").count == 3)

        let wrongName = try await LoupeProcess.run(["observe", "--server", "tls://\(address)", "--tls-ca-cert-files", file("ca.pem"), "--tls-server-name", "other.test"])
        #expect(wrongName.status == 3)
        #expect(wrongName.stderr.contains("other.test"))
        let unknownAuthority = try await LoupeProcess.run(["observe", "--server", "tls://\(address)", "--tls-server-name", "agent.loupe.test"])
        #expect(unknownAuthority.status == 3)
        let insecure = try await LoupeProcess.run(["observe", "--server", "tls://\(address)", "--tls-allow-insecure", "--last", "1"])
        #expect(insecure.status == 0 && insecure.stdout.split(separator: "\n").count == 1)

        let environment = try await LoupeProcess.run(["observe", "--last", "2"], environment: [
            "LOUPE_SERVER": "tls://\(address)", "LOUPE_TLS_CA_CERT_FILES": file("ca.pem"), "LOUPE_TLS_SERVER_NAME": "agent.loupe.test",
        ])
        #expect(environment.status == 0 && environment.stdout.split(separator: "\n").count == 2, "\(environment.stderr)")
        let status = try await LoupeProcess.run(["status", "--server", "tls://\(address)"] + trusted)
        #expect(status.status == 0 && status.stdout.hasPrefix("Healthcheck (via \(address)): Ok"))
    }

    @Test(.enabled(if: opensslAvailable)) func mutualTLSNeedsAClientCertificate() async throws {
        let dir = try await Self.certificates()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = { (name: String) in dir.appendingPathComponent(name).path }
        let (agent, address) = try await ClusterStreamingEndToEndTests.agent([
            "--node", "kind-worker", "--tls-cert-file", file("server.pem"), "--tls-key-file", file("server.key"),
            "--tls-client-ca-files", file("ca.pem"),
        ])
        defer { agent.signal(SIGTERM) }
        let trusted = ["--server", "tls://\(address)", "--tls-ca-cert-files", file("ca.pem"), "--tls-server-name", "agent.loupe.test", "--last", "2"]
        let anonymous = try await LoupeProcess.run(["observe"] + trusted)
        #expect(anonymous.status == 3)
        #expect(anonymous.stdout.isEmpty)
        let client = try await LoupeProcess.run(["observe"] + trusted + ["--tls-client-cert-file", file("client.pem"), "--tls-client-key-file", file("client.key")])
        #expect(client.status == 0, "\(client.stderr)")
        #expect(client.stdout.split(separator: "\n").count == 2)
        let basic = try await LoupeProcess.run(["observe"] + trusted + [
            "--tls-client-cert-file", file("client.pem"), "--tls-client-key-file", file("client.key"),
            "--basic-auth-username", "admin", "--basic-auth-password", "secret",
        ])
        #expect(basic.status == 0, "basic authentication goes over TLS")
        let halfPair = try await LoupeProcess.run(["observe"] + trusted + ["--tls-client-cert-file", file("client.pem")])
        #expect(halfPair.status == 2)
        #expect(halfPair.stderr.contains("--tls-client-cert-file and --tls-client-key-file must be given together"))
    }

    /// A certificate for the address dialled is not enough when another name is asked for: the
    /// name asked for is checked, on the flow stream and on unary calls alike.
    @Test(.enabled(if: opensslAvailable)) func theNameAskedForIsCheckedEvenWhenTheAddressMatches() async throws {
        let dir = try await Self.certificates()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = { (name: String) in dir.appendingPathComponent(name).path }
        let (agent, address) = try await ClusterStreamingEndToEndTests.agent(
            ["--node", "kind-worker", "--tls-cert-file", file("server-ip.pem"), "--tls-key-file", file("server-ip.key")])
        defer { agent.signal(SIGTERM) }
        let trusted = ["--server", "tls://\(address)", "--tls-ca-cert-files", file("ca.pem")]

        let byAddress = try await LoupeProcess.run(["observe", "--last", "1"] + trusted)
        #expect(byAddress.status == 0 && byAddress.stdout.split(separator: "\n").count == 1, "\(byAddress.stderr)")
        let byName = try await LoupeProcess.run(["observe", "--last", "1", "--tls-server-name", "agent.loupe.test"] + trusted)
        #expect(byName.status == 0, "\(byName.stderr)")

        let otherName = try await LoupeProcess.run(["observe", "--last", "1", "--tls-server-name", "relay.other.test"] + trusted)
        #expect(otherName.status == 3)
        #expect(otherName.stdout.isEmpty)
        #expect(otherName.stderr.contains("is for agent.loupe.test, 127.0.0.1, not relay.other.test"), "\(otherName.stderr)")
        let status = try await LoupeProcess.run(["status", "--tls-server-name", "relay.other.test"] + trusted)
        #expect(status.status == 3)
        #expect(status.stderr.contains("not relay.other.test"), "\(status.stderr)")
        let nodes = try await LoupeProcess.run(["list", "nodes", "--tls-server-name", "agent.loupe.test"] + trusted)
        #expect(nodes.status == 0, "\(nodes.stderr)")
    }

    /// `loupe-agent --basic-auth-file`: users with bcrypt hashes, over TLS only.
    @Test(.enabled(if: opensslAvailable)) func basicAuthenticationLetsInOnlyKnownUsers() async throws {
        let dir = try await Self.certificates()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = { (name: String) in dir.appendingPathComponent(name).path }
        // alice's password is "loupe" (a hash of cost 4, so that the test is quick).
        try "# users\nalice:$2b$04$TeBus271Ou9N1stA0An3A.TAQLuRTq6vLaq.yLtrdXb6OUy5gzZM2\n".write(toFile: file("users"), atomically: true, encoding: .utf8)
        let tls = ["--tls-cert-file", file("server.pem"), "--tls-key-file", file("server.key")]

        let plaintext = try await LoupeProcess.run(["serve", "--scenario", ServerEndToEndTests.scenario, "--basic-auth-file", file("users")], product: "loupe-agent")
        #expect(plaintext.status == 2)
        #expect(plaintext.stderr.contains("--basic-auth-file needs --tls-cert-file"))
        try "alice:secret\n".write(toFile: file("bad"), atomically: true, encoding: .utf8)
        let badFile = try await LoupeProcess.run(["serve", "--scenario", ServerEndToEndTests.scenario, "--basic-auth-file", file("bad")] + tls, product: "loupe-agent")
        #expect(badFile.status == 2)
        #expect(badFile.stderr.contains("\(file("bad")):1: user \"alice\": not a bcrypt hash"), "\(badFile.stderr)")

        let (agent, address) = try await ClusterStreamingEndToEndTests.agent(["--node", "kind-worker", "--basic-auth-file", file("users")] + tls)
        defer { agent.signal(SIGTERM) }
        let trusted = ["--server", "tls://\(address)", "--tls-ca-cert-files", file("ca.pem"), "--tls-server-name", "agent.loupe.test"]

        let anonymous = try await LoupeProcess.run(["observe", "--last", "2"] + trusted)
        #expect(anonymous.status == 3)
        #expect(anonymous.stdout.isEmpty)
        #expect(anonymous.stderr.contains("basic authentication"), "\(anonymous.stderr)")
        let wrong = try await LoupeProcess.run(["observe", "--last", "2", "--basic-auth-username", "alice", "--basic-auth-password", "secret"] + trusted)
        #expect(wrong.status == 3)
        #expect(wrong.stderr.contains("invalid user name or password"), "\(wrong.stderr)")
        let stranger = try await LoupeProcess.run(["status", "--basic-auth-username", "mallory", "--basic-auth-password", "loupe"] + trusted)
        #expect(stranger.status != 0)
        #expect(stranger.stderr.contains("invalid user name or password"), "\(stranger.stderr)")

        let credentials = ["--basic-auth-username", "alice", "--basic-auth-password", "loupe"]
        let good = try await LoupeProcess.run(["observe", "--last", "2"] + trusted + credentials)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.split(separator: "\n").count == 2)
        let status = try await LoupeProcess.run(["status"] + trusted + credentials)
        #expect(status.status == 0, "\(status.stderr)")
        let nodes = try await LoupeProcess.run(["list", "nodes"] + trusted + credentials)
        #expect(nodes.status == 0 && nodes.stdout.contains("kind-worker"), "\(nodes.stderr)")
    }

    @Test func agentTLSFlagsAreChecked() async throws {
        let half = try await LoupeProcess.run(["serve", "--scenario", ServerEndToEndTests.scenario, "--tls-cert-file", "/nonexistent.pem"], product: "loupe-agent")
        #expect(half.status == 2)
        #expect(half.stderr.contains("--tls-cert-file and --tls-key-file must be given together"))
        let missing = try await LoupeProcess.run(
            ["serve", "--scenario", ServerEndToEndTests.scenario, "--tls-cert-file", "/nonexistent.pem", "--tls-key-file", "/nonexistent.key"],
            product: "loupe-agent")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read /nonexistent.pem"))
    }
}
