import Foundation
import LoupeTestSupport
import Testing

/// `loupe observe` with filter expressions and the reference's filter flags, and `loupe filter`.
@Suite struct ObserveFilterTests {
    func seed(_ arguments: [String]) async throws -> LoupeProcess.Result {
        let dir = try Fixtures.corpus("seed")
        return try await InProcessLoupe.run(["observe", "--input-file", "flows.jsonl", "--color", "never", "--all"] + arguments, in: dir)
    }

    func lineCount(_ result: LoupeProcess.Result) -> Int {
        result.stdout.split(separator: "\n").count
    }

    @Test func anExpressionSelectsWhatTheFlagsSelect() async throws {
        let expression = try await seed(["src.ns == universe and dst.ns == echo"])
        let flags = try await seed(["--from-namespace", "universe", "--to-namespace", "echo"])
        #expect(expression.status == 0)
        #expect(lineCount(expression) == 517)
        #expect(expression.stdout == flags.stdout)
    }

    @Test func expressionFilterOptionAndFlagsAllHold() async throws {
        let combined = try await seed(["verdict == DROPPED", "--filter", "tcp.syn", "--namespace", "galaxy"])
        let single = try await seed(["verdict == DROPPED and tcp.syn and ns == galaxy"])
        #expect(combined.status == 0)
        #expect(lineCount(combined) > 0)
        #expect(combined.stdout == single.stdout)
    }

    @Test func flagOrderDecidesWhatNotNegates() async throws {
        let notForwarded = try await seed(["--verdict", "DROPPED", "--not", "--verdict", "FORWARDED"])
        let expression = try await seed(["verdict == DROPPED"])
        #expect(notForwarded.stdout == expression.stdout)
        let equalsForm = try await seed(["--namespace=galaxy", "-o", "compact"])
        let shortForm = try await seed(["-n", "galaxy"])
        #expect(lineCount(equalsForm) == 141)
        #expect(equalsForm.stdout == shortForm.stdout)
    }

    @Test func badExpressionsFailBeforeTheInputIsOpened() async throws {
        let result = try await InProcessLoupe.run(["observe", "--input-file", "/nonexistent/flows.jsonl", "dst.prot == 80"])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            error: unknown field 'dst.prot'
              dst.prot == 80
              ^~~~~~~~
              did you mean 'dst.port'?

            """)
    }

    @Test func badFlagValuesAreUsageErrors() async throws {
        let result = try await InProcessLoupe.run(["observe", "--input-file", "/nonexistent/flows.jsonl", "--port", "http"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(#"invalid source port filter: invalid port "http""#))
    }

    @Test func explainPrintsThePlanWithoutReading() async throws {
        let result = try await InProcessLoupe.run([
            "observe", "--input-file", "/nonexistent/flows.jsonl", "--explain", "ns == echo and verdict == DROPPED",
        ])
        #expect(result.status == 0)
        #expect(result.stdout == """
            allow (a flow must match one):
              {"source_pod":["echo/"],"verdict":["DROPPED"]}
              {"destination_pod":["echo/"],"verdict":["DROPPED"]}
            deny: none
            residual: none (the server's lists are exact; loupe still checks every flow)

            """)
    }

    @Test func explainJoinsTheFlagsAndTheExpressionIntoOneRequest() async throws {
        let result = try await InProcessLoupe.run([
            "observe", "--input-file", "-", "--explain", "-n", "echo", "verdict == DROPPED and not tcp.ack",
        ])
        #expect(result.status == 0)
        #expect(result.stdout == """
            allow (a flow must match one):
              {"source_pod":["echo/"],"verdict":["DROPPED"]}
              {"destination_pod":["echo/"],"verdict":["DROPPED"]}
            deny (a flow matching one is dropped):
              {"tcp_flags":[{"ACK":true}]}
            residual: none (the server's lists are exact; loupe still checks every flow)

            """)
    }

    @Test func recordsWithoutAFlowAreCountedWhenFiltering() async throws {
        let lost = #"{"lost_events":{"source":"HUBBLE_RING_BUFFER","num_events_lost":"3"}}"#
        let flow = #"{"flow":{"time":"2026-01-15T10:00:00Z","verdict":"DROPPED","IP":{"source":"10.0.0.1","destination":"10.0.0.2"},"event_type":{"type":1},"Summary":"x"}}"#
        let input = Data("\(lost)\n\(flow)\n".utf8)
        let filtered = try await LoupeProcess.run(["observe", "--input-file", "-", "verdict == DROPPED"], stdin: input)
        #expect(filtered.status == 0)
        #expect(lineCount(filtered) == 1)
        #expect(filtered.stderr == "loupe: 1 lost-event and node-status records not shown: filters select flows\n")
        let unfiltered = try await LoupeProcess.run(["observe", "--input-file", "-"], stdin: input)
        #expect(lineCount(unfiltered) == 2)
    }

    @Test func printRawFiltersShowsTheListsAsTheReferenceDoes() async throws {
        let result = try await InProcessLoupe.run([
            "observe", "--print-raw-filters", "--namespace", "galaxy", "--port", "80", "--not", "--verdict", "FORWARDED",
        ])
        #expect(result.status == 0)
        #expect(result.stdout == """
            allowlist:
                - '{"source_pod":["galaxy/"],"source_port":["80"]}'
                - '{"destination_pod":["galaxy/"],"destination_port":["80"]}'
            denylist:
                - '{"verdict":["FORWARDED"]}'

            """)
        #expect(try await InProcessLoupe.run(["observe", "--print-raw-filters"]).stdout == "{}\n")
    }

    @Test func filterCheck() async throws {
        let good = try await InProcessLoupe.run(["filter", "check", "dst.port in {80, 443}"])
        #expect(good.status == 0)
        #expect(good.stdout == "")
        let bad = try await InProcessLoupe.run(["filter", "check", "verdict == DROPED and port > 70000"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("did you mean 'DROPPED'?"))
        #expect(bad.stderr.contains("70000 is out of range for port (0–65535)"))
    }

    /// An expression that starts with '-' is not taken for options (`-cp.psh` once printed the
    /// help, `-h` being among its letters, and exited 0); after `--` it is an expression.
    @Test func anExpressionStartingWithADashIsNotReadAsOptions() async throws {
        let misread = try await InProcessLoupe.run(["filter", "check", "-cp.psh"])
        #expect(misread.status == 2)
        #expect(misread.stdout.isEmpty)
        #expect(misread.stderr == "loupe: '-cp.psh' starts with '-' and would be read as options; put an expression that starts with '-' after '--': loupe filter check -- '-cp.psh'\n")
        let separated = try await InProcessLoupe.run(["filter", "check", "--", "-cp.psh"])
        #expect(separated.status == 2)
        #expect(separated.stderr.contains("did you mean 'tcp.psh'?"))
        let observe = try await InProcessLoupe.run(["observe", "-f", "--last", "3", "-5m or reply"])
        #expect(observe.status == 2)
        #expect(observe.stderr.contains("loupe observe -- '-5m or reply'"))
    }

    @Test func filterExplainAsJSON() async throws {
        let result = try await InProcessLoupe.run(["filter", "explain", "-o", "json", "ns != kube-system and time > -5m"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((object?["denylist"] as? [Any])?.count == 2)
        #expect((object?["residual"] as? [String]) == ["time > -5m"])
    }

    /// `hubble observe flows …` is hubble's own spelling of `hubble observe …`.
    @Test func observeFlowsIsObserve() async throws {
        let spelled = try await seed(["--verdict", "DROPPED"])
        let dir = try Fixtures.corpus("seed")
        let hubbles = try await InProcessLoupe.run(
            ["observe", "flows", "--input-file", "flows.jsonl", "--color", "never", "--all", "--verdict", "DROPPED"], in: dir)
        #expect(hubbles.status == 0)
        #expect(hubbles.stdout == spelled.stdout && !spelled.stdout.isEmpty)
    }

    /// `hubble observe 93339`, as the seed writes it: the flows of that identity, on either side.
    @Test func aNumberAloneIsAnIdentity() async throws {
        let shorthand = try await seed(["93339"])
        let spelled = try await seed(["identity == 93339"])
        #expect(shorthand.status == 0 && shorthand.stderr.isEmpty)
        #expect(shorthand.stdout == spelled.stdout && !spelled.stdout.isEmpty)
    }
}
