import FilterLanguage
import FlowModel
import HubbleAPI
import SwiftProtobuf
import Testing

/// Absent data compares false, in the compiled matcher, the tree evaluator and the push-down alike.
@Suite struct FieldValueTests {
    static func flow(verdict: Flow_Verdict, isReply: Bool?) -> Flow_Flow {
        var flow = Flow_Flow()
        flow.verdict = verdict
        if let isReply { flow.isReply = Google_Protobuf_BoolValue(isReply) }
        return flow
    }

    @Test(arguments: [
        // (verdict, is_reply, reply == true, reply == false, not reply)
        (Flow_Verdict.dropped, nil as Bool?, false, false, true),
        (.forwarded, nil, false, false, true),
        (.forwarded, true, true, false, false),
        (.dropped, false, false, true, true),
    ])
    func replyWithoutIsReplyIsNeitherTrueNorFalse(_ verdict: Flow_Verdict, _ isReply: Bool?,
                                                  _ isTrue: Bool, _ isFalse: Bool, _ notReply: Bool) throws {
        let flow = Self.flow(verdict: verdict, isReply: isReply)
        for (text, expected) in [("reply", isTrue), ("reply == true", isTrue), ("reply == false", isFalse),
                                 ("not reply", notReply), ("reply != false", !isFalse)] {
            let expression = try FilterExpression(text, now: FixtureFlows.now)
            #expect(expression.matches(flow) == expected, "\(text)")
            #expect(expression.treeEvaluator.matches(flow) == expected, "\(text) (tree)")
            // What the server is asked for never loses a flow the expression keeps.
            let pushed = try FlowFilterSet(allow: expression.plan.allow, deny: expression.plan.deny)
            if expected { #expect(pushed.matches(flow), "\(text) (push-down)") }
        }
    }

    @Test func replyFalseIsPushedDownAsASuperset() throws {
        let plan = try FilterExpression("reply == false", now: FixtureFlows.now).plan
        #expect(!plan.isExact)
        #expect(plan.explanation().contains("is_reply"))
    }
}
