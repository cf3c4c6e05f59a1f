import FlowClient
import FlowModel
import Testing

struct ServerIdentityTests {
    static let relay = ServerIdentity(
        dnsNames: ["*.hubble-relay.cilium.io", "Relay.Example.", "localhost"], ipAddresses: [IPAddress.parse("10.0.0.5")!, IPAddress.parse("fd00::5")!])

    @Test func aHostNameMatchesTheDNSNamesOnly() {
        #expect(Self.relay.mismatch(for: "ui.hubble-relay.cilium.io") == nil)
        #expect(Self.relay.mismatch(for: "UI.Hubble-Relay.Cilium.IO.") == nil, "case and a trailing dot do not count")
        #expect(Self.relay.mismatch(for: "relay.example") == nil)
        #expect(Self.relay.mismatch(for: "localhost") == nil)
        #expect(Self.relay.mismatch(for: "hubble-relay.cilium.io") != nil, "* stands for one whole label")
        #expect(Self.relay.mismatch(for: "a.b.hubble-relay.cilium.io") != nil, "and only one")
        #expect(Self.relay.mismatch(for: "10.0.0.5.nip.io") != nil)
        #expect(Self.relay.mismatch(for: "other.example")
            == "the server's certificate is for *.hubble-relay.cilium.io, Relay.Example., localhost, 10.0.0.5, fd00::5, not other.example")
    }

    @Test func anAddressMatchesTheIPAddressesOnly() {
        #expect(Self.relay.mismatch(for: "10.0.0.5") == nil)
        #expect(Self.relay.mismatch(for: "[fd00::5]") == nil)
        #expect(Self.relay.mismatch(for: "fd00:0::5") == nil)
        #expect(Self.relay.mismatch(for: "10.0.0.6") != nil)
        let named = ServerIdentity(dnsNames: ["10.0.0.5"], ipAddresses: [])
        #expect(named.mismatch(for: "10.0.0.5")?.contains("holds no IP address") == true, "an address written as a DNS name does not count")
    }

    @Test func aCertificateWithoutNamesIsForNothing() {
        let bare = ServerIdentity(dnsNames: [], ipAddresses: [])
        #expect(bare.mismatch(for: "agent.loupe.test")?.contains("holds no names") == true)
        #expect(bare.mismatch(for: "127.0.0.1")?.contains("holds no IP address") == true)
    }
}
