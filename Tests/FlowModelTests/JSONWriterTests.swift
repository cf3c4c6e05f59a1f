import FlowModel
import HubbleAPI
import LoupeTestSupport
import SwiftProtobuf
import Testing

/// The writer's own buffer: growth, escaping at every position, numbers and timestamps at their limits.
@Suite struct JSONWriterTests {
    /// Go's HTML-safe escaping, one scalar at a time: what the fast writer must agree with.
    static func reference(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    @Test func stringsOfEveryLengthAndMixAgreeWithTheReference() {
        var random = SeededRandom(seed: 7)
        let pieces = ["a", "é", "\"", "\\", "<", ">", "&", "\u{2028}", "\u{2029}", "\u{1B}", "\n", "\u{00}", "🙂", "xyzxyzxy", "\u{E2}", "€", "\u{2027}", "\u{7F}"]
        for length in 0..<200 {
            var text = ""
            for _ in 0..<length { text += pieces[Int(random.next() % UInt64(pieces.count))] }
            var writer = JSONWriter(capacity: 1)  // grows many times
            writer.string(text)
            #expect(writer.text == Self.reference(text))
        }
    }

    @Test func aValueLargerThanTheBufferMakesItGrow() {
        let long = String(repeating: "<&>", count: 100_000)
        var writer = JSONWriter(capacity: 64)
        writer.beginObject()
        writer.key("k")
        writer.string(long)
        writer.endObject()
        #expect(writer.count == 2 + 4 + 2 + 100_000 * 18)
        #expect(writer.text.hasSuffix("\\u003e\"}"))
    }

    @Test func numbersAtTheirLimits() {
        var writer = JSONWriter(capacity: 8)
        writer.beginArray()
        for value: UInt64 in [0, 9, 10, 99, 100, UInt64.max] {
            writer.arrayElement()
            writer.uint64(value)
        }
        writer.arrayElement()
        writer.int64(.min)
        writer.arrayElement()
        writer.int32(-7)
        writer.arrayElement()
        writer.uint32(.max)
        writer.endArray()
        #expect(writer.text == #"["0","9","10","99","100","18446744073709551615","-9223372036854775808",-7,4294967295]"#)
    }

    @Test(arguments: [
        (Int64(-62_135_596_800), Int32(0), "0001-01-01T00:00:00Z"),
        (253_402_300_799, 999_999_999, "9999-12-31T23:59:59.999999999Z"),
        (0, 1_000_000, "1970-01-01T00:00:00.001Z"),
        (0, 1000, "1970-01-01T00:00:00.000001Z"),
    ])
    func timestampsAtTheEdgesOfTheRange(seconds: Int64, nanos: Int32, text: String) {
        var t = Google_Protobuf_Timestamp()
        t.seconds = seconds
        t.nanos = nanos
        #expect(t.hubbleJSONString() == "\"\(text)\"")
        #expect(t.hubbleJSONString() == "\"\(RFC3339.format(t))\"")
    }

    @Test func timestampsBeyondTheRangeAreWrittenNotACrash() {
        var t = Google_Protobuf_Timestamp()
        t.seconds = 253_402_300_800  // year 10000
        t.nanos = 500_000_000
        #expect(t.hubbleJSONString() == "\"10000-01-01T00:00:00.500Z\"")
        // A peer may send what no valid timestamp holds.
        t.seconds = -70_000_000_000
        t.nanos = -5
        #expect(t.hubbleJSONString() == "\"\(RFC3339.format(t))\"")
        // Negative nanoseconds carry into the seconds, as Go's time.Unix does.
        #expect(RFC3339.format(t).hasSuffix(":19.999999995Z"))
    }
}
