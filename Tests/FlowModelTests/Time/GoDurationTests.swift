import FlowModel
import Testing

/// Durations written as Go's `time.Duration.String()` writes them (what hubble prints for uptimes).
@Suite struct GoDurationTests {
    @Test(arguments: [
        (UInt64(0), "0s"), (750, "750ns"), (1_500, "1.5µs"), (20_500_000, "20.5ms"), (1_000_000_000, "1s"),
        (20_540_459_156, "20.540459156s"), (100_000_000_000, "1m40s"), (3_605_000_000_000, "1h0m5s"),
        (90_061_000_000_000, "25h1m1s"), (UInt64(Int64.max) + 1, "9223372036854775808ns"),
    ])
    func writesAsGo(nanoseconds: UInt64, text: String) {
        #expect(GoDuration.string(nanoseconds: nanoseconds) == text)
    }
}
