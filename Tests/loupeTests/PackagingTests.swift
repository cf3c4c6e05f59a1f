import Foundation
import LoupeTestSupport
import Testing

/// What ships beside the programs: completions that know loupe's values, and the install script.
@Suite struct PackagingTests {
    @Test func expressionsCompleteFieldNames() async throws {
        let result = try await LoupeProcess.run(["---completion", "observe", "--", "positional@0", "2", "17", "loupe", "observe", "ns == echo and ve"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n") == ["ns == echo and verdict"])
        let side = try await LoupeProcess.run(["---completion", "observe", "--", "positional@0", "2", "6", "loupe", "observe", "(dst.p"])
        #expect(Set(side.stdout.split(separator: "\n")) == ["(dst.pod", "(dst.port"])
    }

    @Test func namespacesComeFromTheConfiguredServer() async throws {
        let (agent, address) = try await ClusterStreamingEndToEndTests.agent([])
        defer { agent.signal(SIGTERM) }
        let result = try await LoupeProcess.run(
            ["---completion", "observe", "--", "--namespace", "3", "1", "loupe", "observe", "--namespace", "g"],
            environment: ["LOUPE_SERVER": address])
        #expect(result.stdout == "galaxy\n")
        let unreachable = try await LoupeProcess.run(
            ["---completion", "observe", "--", "--namespace", "3", "0", "loupe", "observe", "--namespace", ""],
            environment: ["LOUPE_SERVER": "127.0.0.1:1"])
        #expect(unreachable.status == 0 && unreachable.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }

    @Test func completionScriptsOfferLoupesValues() async throws {
        let completions = Fixtures.checkout.appendingPathComponent("completions")
        let bash = try String(contentsOf: completions.appendingPathComponent("loupe.bash"), encoding: .utf8)
        for words in [["compact", "dict", "table", "json", "jsonpb"], ["auto", "always", "never"], ["INVALID_SOURCE_IP", "POLICY_DENIED"], ["RFC3339Micro", "RFC3339Nano"]] {
            let list = words.map { "'\($0)'" }.joined(separator: "$'\\n'")
            #expect(bash.contains(list), "loupe.bash offers \(words)")
        }
        let fish = try String(contentsOf: completions.appendingPathComponent("loupe.fish"), encoding: .utf8)
        #expect(fish.contains("---completion observe -- --namespace"))
        let zsh = try String(contentsOf: completions.appendingPathComponent("_loupe"), encoding: .utf8)
        #expect(zsh.contains("config") && zsh.contains("version"))
    }

    @Test func installPutsEverythingWhereShellsAndManLook() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-install-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        let bin = LoupeProcess.executable("loupe").deletingLastPathComponent().path
        var environment = ProcessInfo.processInfo.environment
        environment["DESTDIR"] = root.path
        environment["PREFIX"] = "/usr"
        environment["BIN_DIR"] = bin
        let install = try ChildProcess(
            "/bin/bash", [Fixtures.checkout.appendingPathComponent("dev/install.sh").path], environment: environment)
        #expect(await install.wait(timeout: 60) == 0, "\(String(decoding: install.stderr, as: UTF8.self))")
        let expected = [
            "bin/loupe", "bin/loupe-agent", "share/bash-completion/completions/loupe", "share/bash-completion/completions/loupe-agent",
            "share/zsh/site-functions/_loupe", "share/zsh/site-functions/_loupe-agent", "share/fish/vendor_completions.d/loupe.fish",
            "share/fish/vendor_completions.d/loupe-agent.fish", "share/man/man1/loupe.1", "share/man/man1/loupe-agent.1",
            "share/man/man7/loupe-filter.7",
        ]
        for path in expected {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("usr/" + path).path), "\(path) is installed")
        }
        let installed = try ChildProcess(root.appendingPathComponent("usr/bin/loupe").path, ["version"], environment: [:])
        #expect(await installed.wait(timeout: 30) == 0)
        #expect(String(decoding: installed.stdout, as: UTF8.self).hasPrefix("loupe 0.1.0 "))
    }
}
