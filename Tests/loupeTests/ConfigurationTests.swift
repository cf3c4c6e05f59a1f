import Foundation
import LoupeTestSupport
import Testing

/// Settings from flags, then LOUPE_* (then HUBBLE_*) variables, then the config file.
@Suite struct ConfigurationTests {
    /// A config file with `text`, in a folder of its own.
    static func config(_ text: String) async throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-config-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("config.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    static func firstLine(_ arguments: [String], environment: [String: String]) async throws -> String {
        let dir = try Fixtures.corpus("seed")
        let result = try await InProcessLoupe.run(["observe", "--input-file", "flows.jsonl", "--last", "1"] + arguments, in: dir, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        return String(result.stdout.split(separator: "\n").first ?? "")
    }

    @Test func flagsWinOverTheEnvironmentWhichWinsOverTheFile() async throws {
        let file = try await Self.config("output: dict\n")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let fromFile = try await Self.firstLine([], environment: ["LOUPE_CONFIG": file.path])
        #expect(fromFile.hasPrefix("  TIMESTAMP: "))
        let fromEnvironment = try await Self.firstLine([], environment: ["LOUPE_CONFIG": file.path, "LOUPE_OUTPUT": "json"])
        #expect(fromEnvironment.hasPrefix("{\"flow\":"))
        let fromFlag = try await Self.firstLine(["-o", "compact"], environment: ["LOUPE_CONFIG": file.path, "LOUPE_OUTPUT": "json"])
        #expect(fromFlag.hasPrefix("Apr 27 "))
        let long = try await Self.firstLine(["--output=jsonpb"], environment: ["LOUPE_CONFIG": file.path, "LOUPE_OUTPUT": "dict"])
        #expect(long.hasPrefix("{\"flow\":"))
    }

    @Test func configViewNamesWhereEachSettingComesFrom() async throws {
        let file = try await Self.config("# the relay\nserver:\n  - relay-a:4245\n  - relay-b:4245\ntls: true\n")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let result = try await InProcessLoupe.run(["config", "view"], environment: [
            "LOUPE_CONFIG": file.path, "HUBBLE_TIME_FORMAT": "RFC3339", "LOUPE_BASIC_AUTH_PASSWORD": "secret",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "# flags > environment > \(file.path) > defaults")
        #expect(lines.contains { $0.hasPrefix("server: [relay-a:4245, relay-b:4245]") && $0.hasSuffix("# config \(file.path):2") })
        #expect(lines.contains { $0.hasPrefix("tls: true ") && $0.hasSuffix("# config \(file.path):5") })
        #expect(lines.contains { $0.hasPrefix("time-format: RFC3339 ") && $0.hasSuffix("# environment HUBBLE_TIME_FORMAT") })
        #expect(lines.contains { $0.hasPrefix("basic-auth-password: \"********\"") })
        #expect(!result.stdout.contains("secret"))
        #expect(lines.contains { $0.hasPrefix("request-timeout: 12s ") && $0.hasSuffix("# default") })
    }

    // These two reach for servers that refuse: run as programs, where a refusal is answered at once
    // whatever else the test process is doing (in process, under a loaded suite, the call once
    // waited out its deadline instead).
    @Test func hubbleServerIsTheFallbackOfLoupeServer() async throws {
        let both = try await LoupeProcess.run(["status"], environment: ["LOUPE_SERVER": "127.0.0.1:1", "HUBBLE_SERVER": "127.0.0.1:2", "LOUPE_CONFIG": "/nonexistent"])
        #expect(both.status == 3 && both.stderr.contains("127.0.0.1:1") && !both.stderr.contains("127.0.0.1:2"))
        let hubble = try await LoupeProcess.run(["status"], environment: ["HUBBLE_SERVER": "127.0.0.1:2", "LOUPE_CONFIG": "/nonexistent"])
        #expect(hubble.status == 3 && hubble.stderr.contains("127.0.0.1:2"))
        let flag = try await LoupeProcess.run(["status", "--server", "127.0.0.1:3"], environment: ["LOUPE_SERVER": "127.0.0.1:1"])
        #expect(flag.status == 3 && flag.stderr.contains("127.0.0.1:3") && !flag.stderr.contains("127.0.0.1:1"))
    }

    @Test func settingsGoOnlyToTheCommandsTheyAreFor() async throws {
        // The file's output is observe's; `list` has an --output of its own with other formats.
        let file = try await Self.config("output: dict\nserver: 127.0.0.1:1\n")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let list = try await LoupeProcess.run(["list", "nodes"], environment: ["LOUPE_CONFIG": file.path])
        #expect(list.status == 3, "\(list.stderr)")
        #expect(list.stderr.contains("127.0.0.1:1"))
    }

    @Test(arguments: [
        ("server: [a:1\n", ":2: not valid YAML: "),
        ("sever: a:1\n", ":1: sever: unknown setting (known: server, "),
        ("output: json\ntls: maybe\n", ":2: tls: expected true or false"),
        ("server: {a: 1}\n", ":1: server: expected a value or a list of values"),
        ("- server\n", ":1: expected settings as `key: value` lines"),
        ("output: json\noutput: dict\n", ":2: output: given twice"),
    ])
    func aBadConfigFileIsReportedWithItsLineAndKey(text: String, message: String) async throws {
        let file = try await Self.config(text)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let result = try await InProcessLoupe.run(["observe", "--demo"], environment: ["LOUPE_CONFIG": file.path])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("loupe: \(file.path)\(message)"), "\(result.stderr)")
    }

    @Test func versionNamesTheBuild() async throws {
        for arguments in [["--version"], ["version"]] {
            let result = try await InProcessLoupe.run(arguments)
            #expect(result.status == 0)
            #expect(result.stdout.hasPrefix("loupe 0.1.0 "))
            #expect(result.stdout.contains(" Swift 6.") && result.stdout.contains(" Linux "))
        }
        let agent = try await LoupeProcess.run(["version"], product: "loupe-agent")
        #expect(agent.stdout.hasPrefix("loupe-agent 0.1.0 "))
    }
}
