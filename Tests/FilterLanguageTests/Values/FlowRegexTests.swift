import FilterLanguage
import LoupeTestSupport
import Testing

/// RE2's syntax and meaning, in time linear in the text.
@Suite struct FlowRegexTests {
    @Test(arguments: [
        ("abc", "xxabcxx", true), ("^abc", "xabc", false), ("abc$", "abc\n", false), ("(?m)abc$", "abc\ndef", true),
        ("(?m)^def", "abc\ndef", true), ("^def", "abc\ndef", false), ("a.c", "a\nc", false), ("(?s)a.c", "a\nc", true),
        ("(?i)HeLLo", "say hello", true), ("(?i:A)b", "aB", false), ("(?i:A)b", "ab", true), ("[a-c]+", "zzb", true),
        ("[^a-c]", "abc", false), (#"\d{3}"#, "ab123", true), (#"\d{3}"#, "ab12", false), (#"\bfoo\b"#, "a foo b", true),
        (#"\bfoo\b"#, "afoob", false), (#"\Bo\B"#, "foo!", true), ("x{2,3}", "x", false), ("^x{2,3}$", "xxxx", false),
        ("^x{2,}$", "xxxx", true), ("colou?r", "color", true), ("a|b|c", "zzc", true), ("^$", "", true), ("", "anything", true),
        (#"\pL+"#, "é", true), (#"\PL"#, "é", false), (#"\p{Lu}"#, "aB", true), ("[[:digit:]]", "x5", true),
        ("[[:^alpha:]]", "abc", false), (#"\x41\x{42}"#, "AB", true), (#"\Q.*\E"#, ".*", true), (#"\Q.*\E"#, "ab", false),
        ("(?:ab)+$", "xababab", true), (#"[\d\-x]+$"#, "a-9x", true), (#"^\s*$"#, " \t", true), (#"\W"#, "abc_9", false),
        (#"\.internal\.$"#, "svc.internal.", true), (#"^/api/v1/items/[0-9]+"#, "/api/v1/items/42?x", true),
        ("(a*)*b", "aaaac", false), ("(a|aa)+$", String(repeating: "a", count: 50), true), (#"\A\z"#, "", true),
        ("(?P<word>[a-z]+)", "42 xy", true), ("(?<n>x)y", "xy", true), (#"\012"#, "\n", true), ("[]a]", "]", true),
        ("[a-]", "-", true), ("ä", "bär", true), (#"\C"#, "é", true), ("a{,2}", "a{,2}", true),
    ] as [(String, String, Bool)])
    func meansWhatRE2Means(pattern: String, text: String, expected: Bool) throws {
        #expect(try FlowRegex(pattern).matches(text) == expected)
    }

    @Test(arguments: [
        ("(", "missing closing ): `(`"), ("a)", "unexpected ): `a)`"), ("a**", "invalid nested repetition operator: `**`"),
        ("*a", "missing argument to repetition operator: `*`"), ("a|?", "missing argument to repetition operator: `?`"),
        ("a{1001}", "invalid repeat count: `{1001}`"), ("a{3,2}", "invalid repeat count: `{3,2}`"), ("[a", "missing closing ]: `[a`"),
        ("[z-a]", "invalid character class range: `z-a`"), (#"\q"#, #"invalid escape sequence: `\q`"#), (#"\1"#, #"invalid escape sequence: `\1`"#),
        ("a\\", "trailing backslash at end of expression: ``"), ("(?P<>a)", "invalid named capture: `(?P<>`"),
        ("(?x)a", "invalid or unsupported Perl syntax: `(?x`"), ("[[:word2:]]", "invalid character class range: `[:word2:]`"),
        ("((a{1000}){1000}){1000}", "expression too large: `((a{1000}){1000}){1000}`"),
    ])
    func refusesWhatRE2Refuses(pattern: String, message: String) {
        do {
            _ = try FlowRegex(pattern)
            Issue.record("\(pattern) compiled")
        } catch {
            #expect(error.description == "error parsing regexp: " + message)
        }
    }

    /// The patterns that make a backtracking engine run for minutes: the work is bounded by the
    /// text's length times the program's size, counted, not timed.
    @Test(arguments: ["^(.|.)+!$", "(a+)+$", "(a|aa)+b", "(x+x+)+y", "^(\\w+\\s?)*$", "(.*a){20}"])
    func hostilePatternsRunInLinearTime(pattern: String) throws {
        let regex = try FlowRegex(pattern)
        for length in [20, 2_000, 20_000] {
            let text = String(repeating: "a", count: length) + "x"
            var steps = 0
            _ = regex.matches(text, steps: &steps)
            #expect(steps <= (length + 2) * regex.programSize, "\(steps) steps for \(length) scalars")
        }
    }

    /// Random patterns over a small alphabet against Swift's own engine, where the two agree on the
    /// syntax (no `$` before a newline, ASCII only).
    @Test func agreesWithABacktrackingEngineOnOrdinaryPatterns() throws {
        var random = SeededRandom(seed: 42)
        let atoms = ["a", "b", "c", ".", "[ab]", "[^a]", "\\d", "(a|b)", "(ab|c)", "x", "[a-c0-9]"]
        let suffixes = ["", "", "*", "+", "?", "{1,2}", "{2}"]
        var compared = 0
        for _ in 0..<400 {
            var pattern = Bool.random(using: &random) ? "^" : ""
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                pattern += atoms.randomElement(using: &random)! + suffixes.randomElement(using: &random)!
            }
            if Bool.random(using: &random) { pattern += "$" }
            let regex = try FlowRegex(pattern)
            let reference = try Regex(pattern).matchingSemantics(.unicodeScalar)
            for _ in 0..<8 {
                let text = String((0..<Int.random(in: 0...8, using: &random)).map { _ in "abcx19".randomElement(using: &random)! })
                let expected = (try? reference.firstMatch(in: text)) != nil
                #expect(regex.matches(text) == expected, "\(pattern) on \(text)")
                compared += 1
            }
        }
        #expect(compared == 3_200)
    }
}
