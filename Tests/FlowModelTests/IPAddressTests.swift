import FlowModel
import HubbleAPI
import Testing

/// Addresses and prefixes parse as Go's `netip` parses them, with its error texts.
@Suite struct IPAddressTests {
    @Test(arguments: [
        ("10.0.0.1", "10.0.0.1"), ("::1", "::1"), ("2001:db8::8a2e:370:7334", "2001:db8::8a2e:370:7334"),
        ("0:0::1", "::1"), ("::ffff:10.1.2.3", "::ffff:a01:203"), ("fe80::1:0:0:1", "fe80::1:0:0:1"),
    ])
    func parses(text: String, canonical: String) {
        #expect(IPAddress.parse(text)?.description == canonical)
    }

    @Test(arguments: [
        ("1.2.3", #"ParseAddr("1.2.3"): IPv4 address too short"#),
        ("1.2.3.4.5", #"ParseAddr("1.2.3.4.5"): IPv4 address too long"#),
        ("1.2.3.256", #"ParseAddr("1.2.3.256"): IPv4 field has value >255"#),
        ("1.2.3.a", #"ParseAddr("1.2.3.a"): unexpected character (at "a")"#),
        ("01.2.3.4", #"ParseAddr("01.2.3.4"): IPv4 field has octet with leading zero"#),
        ("foo", #"ParseAddr("foo"): unable to parse IP"#),
        ("1::2::3", #"ParseAddr("1::2::3"): multiple :: in address (at ":3")"#),
    ])
    func rejects(text: String, message: String) {
        guard case .failure(let error) = IPAddress.parseReportingError(text) else {
            Issue.record("\(text) parsed")
            return
        }
        #expect(error.description == message)
    }

    @Test func prefixes() throws {
        let v4 = try #require(IPPrefix.parse("10.244.0.0/16"))
        #expect(v4.contains(IPAddress.parse("10.244.3.4")!))
        #expect(!v4.contains(IPAddress.parse("10.245.0.1")!))
        #expect(!v4.contains(IPAddress.parse("::ffff:10.244.0.1")!))
        let v6 = try #require(IPPrefix.parse("fd00:10:244::/48"))
        #expect(v6.contains(IPAddress.parse("fd00:10:244:1::5")!))
        #expect(!v6.contains(IPAddress.parse("fd00:10:245::5")!))
        #expect(IPPrefix.parse("0.0.0.0/0")!.contains(IPAddress.parse("8.8.8.8")!))
        guard case .failure(let error) = IPPrefix.parseReportingError("1.2.3.0/33") else { return }
        #expect(error.description == #"netip.ParsePrefix("1.2.3.0/33"): prefix length out of range"#)
    }
}
