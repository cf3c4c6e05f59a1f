import FlowModel
import Testing

/// `grpc-message` escaping, both ways (gRPC's PROTOCOL-HTTP2.md, "Status-Message").
@Suite struct GRPCStatusMessageTests {
    @Test func printableASCIIStaysAndEverythingElseIsEscaped() {
        #expect(GRPCStatusMessage.encoded("invalid fieldmask path: \"x\"") == "invalid fieldmask path: \"x\"")
        #expect(GRPCStatusMessage.encoded("100% sure") == "100%25 sure")
        #expect(GRPCStatusMessage.encoded("line\nbreak\u{1B}[31m") == "line%0Abreak%1B[31m")
        #expect(GRPCStatusMessage.encoded("café ✓") == "caf%C3%A9 %E2%9C%93")
        #expect(GRPCStatusMessage.encoded("~\u{7F}") == "~%7F")
    }

    @Test(arguments: ["", "plain", "100% sure", "tab\tand\nnewline", "café ✓ 日本", "%%%", "\u{0}\u{1F}\u{7F}\u{80}"])
    func decodingUndoesEncoding(text: String) {
        #expect(GRPCStatusMessage.decoded(GRPCStatusMessage.encoded(text)) == text)
    }

    @Test func whatIsNotAnEscapeIsKeptAsItIs() {
        #expect(GRPCStatusMessage.decoded("50%") == "50%")
        #expect(GRPCStatusMessage.decoded("%zz and %4") == "%zz and %4")
        #expect(GRPCStatusMessage.decoded("%e2%9c%93 lower case") == "✓ lower case")
        #expect(GRPCStatusMessage.decoded("%FF") == "\u{FFFD}")
    }
}
