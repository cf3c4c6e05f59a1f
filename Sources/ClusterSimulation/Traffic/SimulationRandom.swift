/// The simulation's source of randomness: SplitMix64, so that a `--seed` gives the same ports,
/// UUIDs and timings on every machine.
public struct SimulationRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A version-4 UUID in its canonical text form.
    public mutating func uuid() -> String {
        let high = (next() & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let low = (next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var at = 0
            for (word, range) in [(high, 0..<16), (low, 16..<32)] {
                for i in range {
                    if i == 8 || i == 12 || i == 16 || i == 20 {
                        buffer[at] = UInt8(ascii: "-")
                        at += 1
                    }
                    let shift = UInt64(60 - (i % 16) * 4)
                    buffer[at] = digits.utf8Start[Int((word >> shift) & 0xF)]
                    at += 1
                }
            }
            return at
        }
    }

    /// An ephemeral port in Linux's default range.
    public mutating func ephemeralPort() -> UInt32 {
        UInt32(32768 + next() % 28232)
    }
}
