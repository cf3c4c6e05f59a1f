import FilterLanguage
import Testing

/// What comes next in an expression being typed: a field or keyword, or a value of the field just
/// compared.
@Suite struct ExpressionCompletionTests {
    @Test(arguments: [
        ("verd", ["verdict"]),
        ("ns == echo and ve", ["ns == echo and verdict"]),
        ("(dst.p", ["(dst.pod", "(dst.port"]),
        ("not rep", ["not reply"]),
        ("verdict == DRO", ["verdict == DROPPED"]),
        ("verdict != fo", ["verdict != FORWARDED"]),
        ("verdict in {DROPPED, ERR", ["verdict in {DROPPED, ERROR"]),
        ("proto not in {tcp, ud", ["proto not in {tcp, udp"]),
        ("direction == in", ["direction == ingress"]),
        ("drop_reason == POLICY_DEN", ["drop_reason == POLICY_DENIED", "drop_reason == POLICY_DENY"]),
        ("dst.identity == world-", ["dst.identity == world-ipv4", "dst.identity == world-ipv6"]),
        ("type == policy", ["type == policy-verdict"]),
        ("tcp.flags == sy", ["tcp.flags == syn"]),
        ("dst.port == 8", []),
    ])
    func completes(prefix: String, expected: [String]) {
        #expect(ExpressionCompletion(prefix).candidates() == expected)
    }

    @Test func namesComeFromTheCaller() {
        let completion = ExpressionCompletion("src.ns in {echo, ku")
        guard case .value(let field) = completion.context else {
            Issue.record("context \(completion.context)")
            return
        }
        #expect(field.isNamespace)
        #expect(completion.candidates(names: ["echo", "kube-system", "galaxy"]) == ["src.ns in {echo, kube-system"])
        // A name field that is not a namespace is completed from nothing the caller gives.
        #expect(ExpressionCompletion("pod == ").candidates(names: []).isEmpty)
    }

    @Test func aValueContextNeedsAField() {
        #expect(ExpressionCompletion("== ").context == .field)
        #expect(ExpressionCompletion("x in {a, ").context == .field)
        #expect(ExpressionCompletion("ns == echo and ").context == .field)
    }
}
