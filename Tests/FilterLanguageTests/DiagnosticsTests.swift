import FilterLanguage
import Foundation
import FlowModel
import HubbleAPI
import Testing

/// Bad expressions are refused with the problem named, a caret under it and a fix; several at once
/// where the parser can recover.
@Suite struct DiagnosticsTests {
    struct Expected: Sendable {
        var message: String
        var lower: Int
        var upper: Int
        var note: String?
    }

    static func diagnose(_ text: String) -> [Diagnostic] {
        do {
            _ = try FilterExpression(text, now: FixtureFlows.now)
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func theSpecificationsExample() {
        let text = "dst.prot == 80"
        do {
            _ = try FilterExpression(text, now: FixtureFlows.now)
            Issue.record("compiled")
        } catch {
            #expect(error.description == """
                error: unknown field 'dst.prot'
                  dst.prot == 80
                  ^~~~~~~~
                  did you mean 'dst.port'?
                """)
        }
    }

    @Test(arguments: [
        // Lexing and parsing.
        ("", Expected(message: "empty expression", lower: 0, upper: 0, note: "write a condition such as 'verdict == DROPPED'")),
        ("ns = echo", Expected(message: "'=' is not an operator", lower: 3, upper: 4, note: "use '==' to compare")),
        ("ns == \"echo", Expected(message: "unterminated string", lower: 6, upper: 11, note: "close it with '\"'")),
        ("(ns == echo", Expected(message: "missing ')'", lower: 0, upper: 1, note: "this '(' is not closed")),
        ("ns == echo)", Expected(message: "unexpected ')'", lower: 10, upper: 11, note: "this ')' has no matching '('")),
        ("ns == echo verdict == DROPPED", Expected(message: "expected 'and' or 'or' before 'verdict'", lower: 11, upper: 18, note: "join conditions with 'and' or 'or'")),
        ("port in 80", Expected(message: "expected '{' after 'in', found '80'", lower: 8, upper: 10, note: "write a set: port in {a, b, c}")),
        ("port in {80 443}", Expected(message: "expected ',' or '}' in the set, found '443'", lower: 12, upper: 15, note: "the set opened here is not closed")),
        ("ns ==", Expected(message: "expected a value after '==', found the end of the expression", lower: 5, upper: 5, note: "compare with a value or another field: ns == …")),
        ("ns == echo & reply", Expected(message: "'&' is not an operator", lower: 11, upper: 12, note: "use '&&' or 'and'")),
        ("ns == echo and", Expected(message: "expected a condition, found the end of the expression", lower: 14, upper: 14, note: "a condition compares a field: 'verdict == DROPPED', 'dst.port in {80, 443}'")),
        // Checking.
        ("verdict == DROPED", Expected(message: "unknown verdict 'DROPED'", lower: 11, upper: 17, note: "did you mean 'DROPPED'? valid values: VERDICT_UNKNOWN, FORWARDED, DROPPED, ERROR, AUDIT, REDIRECTED, TRACED, TRANSLATED")),
        ("direction == ingres", Expected(message: "unknown direction 'ingres'", lower: 13, upper: 19, note: "did you mean 'ingress'? valid values: unknown, ingress, egress")),
        ("dst.port == 70000", Expected(message: "70000 is out of range for dst.port (0–65535)", lower: 12, upper: 17, note: "use a number from 0 to 65535")),
        ("port == http", Expected(message: "port is a port, not 'http'", lower: 8, upper: 12, note: "write a decimal number")),
        ("ip == 10.0.0.0/33", Expected(message: #"invalid CIDR: netip.ParsePrefix("10.0.0.0/33"): prefix length out of range"#, lower: 6, upper: 17, note: "write an address and a prefix length: 10.0.0.0/8")),
        ("ip == 10.0.0", Expected(message: #"invalid IP address: ParseAddr("10.0.0"): IPv4 address too short"#, lower: 6, upper: 12, note: "write an IPv4 or IPv6 address (10.0.0.1, fd00::1) or a CIDR (10.0.0.0/8)")),
        ("dns.query ~ \"(\"", Expected(message: "invalid regular expression: error parsing regexp: missing closing ): `(`", lower: 12, upper: 15, note: "the syntax is RE2's")),
        ("label == \"app in (\"", Expected(message: "invalid label selector: unable to parse requirement: found '', expected: ',', ')' or identifier", lower: 9, upper: 19, note: "Kubernetes selector syntax: \"app=echo,tier in (fe,be)\"")),
        ("ns < echo", Expected(message: "'<' does not apply to ns (a name)", lower: 0, upper: 9, note: "use ==, !=, in, or ~ with a regular expression")),
        ("verdict ~ \"DROP\"", Expected(message: "'~' does not apply to verdict (a verdict)", lower: 0, upper: 16, note: "use ==, != or in")),
        ("ns", Expected(message: "'ns' is a name, not a condition", lower: 0, upper: 2, note: "compare it, for example: ns == kube-system")),
        ("ns == dst.ns", Expected(message: "comparing two fields needs each to name one side; 'ns' means either side", lower: 0, upper: 12, note: "write src.ns or dst.ns")),
        ("ns in {a..b}", Expected(message: "ranges apply to numbers; ns is a name", lower: 7, upper: 11, note: "list the values instead: ns in {a, b}")),
        ("port in {90..80}", Expected(message: "empty range 90..80", lower: 9, upper: 15, note: "write the lower bound first: 80..90")),
        ("time > 5m", Expected(message: "a relative time is a negative duration", lower: 7, upper: 9, note: "write -5m for 5m ago")),
        ("type == dorp", Expected(message: "unknown event type 'dorp'", lower: 8, upper: 12, note: "did you mean 'drop'? valid types: drop, debug, capture, trace, policy-verdict, trace-sock, l7, agent; sub-types follow a ':' (trace:to-endpoint)")),
        ("proto == tpc", Expected(message: "unknown protocol 'tpc'", lower: 9, upper: 12, note: "did you mean 'tcp'? valid values: dns, http, icmp, icmpv4, icmpv6, igmp, kafka, sctp, tcp, udp, vrrp")),
        ("fqdn == \"a!b\"", Expected(message: "invalid FQDN pattern: '!': invalid rune in pattern", lower: 8, upper: 13, note: "use letters, digits, '-', '.', and '*' as a wildcard")),
        ("tcp.flags == \"syn,akc\"", Expected(message: "unknown TCP flag 'akc'", lower: 13, upper: 22, note: "valid flags: syn, fin, rst, psh, ack, urg, ece, cwr, ns; several in quotes: \"syn,ack\"")),
        ("verdic == DROPPED", Expected(message: "unknown field 'verdic'", lower: 0, upper: 6, note: "did you mean 'verdict'?")),
        ("has(prot)", Expected(message: "unknown field 'prot'", lower: 4, upper: 8, note: "did you mean 'port'?")),
    ] as [(String, Expected)])
    func reports(text: String, expected: Expected) {
        Self.expectOne(expected, for: text)
    }

    /// `text` gets exactly the one diagnostic `expected`.
    static func expectOne(_ expected: Expected, for text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let diagnostics = diagnose(text)
        #expect(diagnostics.count == 1, "\(diagnostics)", sourceLocation: sourceLocation)
        guard let first = diagnostics.first else { return }
        #expect(first.message == expected.message, sourceLocation: sourceLocation)
        #expect(first.range == SourceRange(expected.lower, expected.upper), sourceLocation: sourceLocation)
        #expect(first.note == expected.note, sourceLocation: sourceLocation)
    }

    /// Every diagnostic names a fix or the valid values.
    @Test(arguments: [
        "ns == echo @", "reply == maybe", "time in {-5m, -1m}", "has(", "has(port", "port in {80, }", "port in {80..}",
        "src.ns ~ dst.ns", "", "ns == echo)", "ns == echo and", "(ns", "verdict == DROPED", "port == 1x",
    ])
    func everyDiagnosticHasANote(text: String) {
        let diagnostics = Self.diagnose(text)
        #expect(!diagnostics.isEmpty)
        for diagnostic in diagnostics { #expect(diagnostic.note != nil, "\(diagnostic)") }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "(", count: 5000) + "reply" + String(repeating: ")", count: 5000)
        #expect(Self.diagnose(deep).first?.message == "the expression nests more than 200 levels deep")
        let negations = String(repeating: "not ", count: 5000) + "reply"
        #expect(Self.diagnose(negations).first?.message == "the expression nests more than 200 levels deep")
        #expect(Self.diagnose(String(repeating: "(", count: 150) + "reply" + String(repeating: ")", count: 150)).isEmpty)
    }

    @Test func severalAtOnce() {
        let diagnostics = Self.diagnose("dst.prot == 80 and verdict == DROPED or (ns = \"x\" and port == 1x")
        #expect(diagnostics.map(\.message) == [
            "unknown field 'dst.prot'", "unknown verdict 'DROPED'", "missing ')'", "port is a port, not '1x'",
        ])
    }

    /// The common shapes get the fix, and one error: nothing the first mistake caused.
    @Test(arguments: [
        ("dst.port == 80,443", Expected(message: "'==' compares with one value, not a list", lower: 12, upper: 18,
                                        note: "to match any of them, write a set: dst.port in {80, 443}")),
        ("dst.port != 80, 443, 8080", Expected(message: "'!=' compares with one value, not a list", lower: 12, upper: 25,
                                               note: "to match none of them, write a set: dst.port not in {80, 443, 8080}")),
        ("label == app=curl", Expected(message: "a value holding '=' must be quoted", lower: 9, upper: 17,
                                       note: "write label == \"app=curl\"")),
        ("dst.port in (80, 443)", Expected(message: "a set is written in braces, not parentheses", lower: 12, upper: 21,
                                           note: "write dst.port in {80, 443}")),
        ("ns not in ('a', \"b\")", Expected(message: "a set is written in braces, not parentheses", lower: 10, upper: 20,
                                           note: "write ns not in {\"a\", \"b\"}")),
        ("src.ns == dst.prot", Expected(message: "unknown field 'dst.prot'", lower: 10, upper: 18,
                                        note: "did you mean 'dst.port'? To compare with the text, quote it: \"dst.prot\"")),
        ("ns == echo @#@ foo", Expected(message: "unexpected characters '@#@'", lower: 11, upper: 14,
                                        note: "put values that hold it in double quotes")),
        ("ns == echo))) and reply", Expected(message: "unexpected ')'", lower: 10, upper: 11, note: "this ')' has no matching '('")),
        ("ns == 'echo' and verdict == DROPED", Expected(message: "unknown verdict 'DROPED'", lower: 28, upper: 34,
                                                        note: "did you mean 'DROPPED'? valid values: VERDICT_UNKNOWN, FORWARDED, DROPPED, ERROR, AUDIT, REDIRECTED, TRACED, TRANSLATED")),
    ] as [(String, Expected)])
    func commonShapes(text: String, expected: Expected) {
        Self.expectOne(expected, for: text)
    }

    /// Hostile expressions: what is printed is bounded by `FilterDiagnostics.limit` and the line
    /// width, whatever the input's size (20,000 ')' once printed 601 MB).
    @Test(arguments: [
        String(repeating: ")", count: 20_000),
        String(repeating: ") or ", count: 20_000),
        Array(repeating: "prot == 80", count: 5_000).joined(separator: " or "),
        "ns == " + String(repeating: "x", count: 1_000_000) + " and port == 1x",
        String(repeating: "@", count: 200_000),
        String(repeating: "= ", count: 50_000),
    ])
    func diagnosticsAreBoundedWhateverTheInput(text: String) {
        do {
            _ = try FilterExpression(text, now: FixtureFlows.now)
            Issue.record("compiled")
        } catch {
            let shown = error.description
            #expect(!shown.isEmpty)
            #expect(shown.utf8.count < (FilterDiagnostics.limit + 1) * 4 * Diagnostic.lineWidth, "\(shown.utf8.count) bytes")
            for line in shown.split(separator: "\n") {
                #expect(line.unicodeScalars.count <= 2 * Diagnostic.lineWidth + 10)
            }
        }
    }

    @Test func aLongExpressionIsShownAroundTheProblem() throws {
        let text = Array(repeating: "ns == echo", count: 30).joined(separator: " and ") + " and verdict == DROPED"
        let shown = Self.render(text)
        let lines = shown.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("  …") && lines[1].hasSuffix("verdict == DROPED"))
        // The caret stands under the value.
        let caret = lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
        let value = lines[1].range(of: "DROPED").map { lines[1].distance(from: lines[1].startIndex, to: $0.lowerBound) }
        #expect(caret != nil && caret == value)
    }

    static func render(_ text: String) -> String {
        do {
            _ = try FilterExpression(text, now: FixtureFlows.now)
            return ""
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        "ns == echo and verdict == DROPPED and dst.port in {80, 443, 8000..8080}",
        "src.ns != dst.ns and dst.port in {80, 443, 8000..8080}",
        "http.status >= 500 or (proto == dns and dns.query ~ \"\\.internal\\.$\")",
        "not src.label == \"k8s:app=prometheus\" and time > -5m",
        "tcp.syn and not tcp.ack", "NOT reply && !encrypted || Verdict == dropped", "80 == dst.port",
        "pod == \"echo-*\"", "identity == world", "src.identity == 93339", "type == trace:to-endpoint",
        "dst.svc == kube-system/kube-dns", "node == kind-kind/kind-worker", "has(http.status)",
        "port not in {53, 80}", "ip in {10.0.0.1, fd00::/8}", "time >= 2025-04-27T11:27:13Z", "ipv == 6",
        "dst.workload == Deployment/echo", "http.method == get", "true", "drop_reason in {POLICY_DENIED, 133}",
    ])
    func accepts(text: String) {
        #expect(Self.diagnose(text).isEmpty, "\(Self.diagnose(text))")
    }
}

/// The catalogue's examples are what users copy: each must compile.
@Suite struct FieldCatalogueTests {
    @Test func everyExampleCompiles() throws {
        for spec in FieldCatalogue.all {
            _ = try FilterExpression(spec.example, now: FixtureFlows.now)
        }
    }

    @Test func namesAreUniqueAndResolve() {
        let names = FieldCatalogue.names
        #expect(Set(names).count == names.count)
        for name in names { #expect(FieldCatalogue.field(named: name.uppercased())?.name == name) }
    }
}

/// Strings in single quotes, as shell users write them, mean what the double-quoted ones mean.
@Suite struct QuotedStringTests {
    @Test func singleQuotesAreStrings() throws {
        let flows = try FixtureFlows.load("seed")
        let single = try FilterExpression("ns == 'echo' and label == 'k8s:app=echo'", now: FixtureFlows.now)
        let double = try FilterExpression("ns == \"echo\" and label == \"k8s:app=echo\"", now: FixtureFlows.now)
        #expect(flows.filter(single.matches).count == flows.filter(double.matches).count)
        #expect(flows.contains(where: single.matches))
    }

    @Test func eachQuoteEscapesItself() throws {
        #expect(DiagnosticsTests.diagnose(#"http.path == 'it\'s' or http.path == "say \"hi\"""#).isEmpty)
        #expect(DiagnosticsTests.diagnose("ns == 'echo").map(\.message) == ["unterminated string"])
    }
}

/// `hubble observe 93339`, as the seed writes it: a number alone is an identity.
@Suite struct IdentityShorthandTests {
    @Test func aNumberAloneMeansIdentityOnEitherSide() throws {
        let flows = try FixtureFlows.load("seed")
        let shorthand = try FilterExpression("93339", now: FixtureFlows.now)
        let spelled = try FilterExpression("identity == 93339", now: FixtureFlows.now)
        #expect(flows.filter(shorthand.matches).count == flows.filter(spelled.matches).count)
        #expect(flows.contains(where: shorthand.matches))
        #expect(shorthand.plan.allow.map { $0.hubbleJSONString() } == spelled.plan.allow.map { $0.hubbleJSONString() })
    }

    @Test func aNumberInsideALargerExpressionIsStillAMistake() {
        #expect(!DiagnosticsTests.diagnose("93339 and verdict == DROPPED").isEmpty)
    }
}
