import FlowModel
import Testing

struct EditDistanceTests {
    @Test func countsInsertionsDeletionsSubstitutionsAndTranspositions() {
        #expect(EditDistance.between("port", "port") == 0)
        #expect(EditDistance.between("prot", "port") == 1, "a transposition is one edit")
        #expect(EditDistance.between("verdic", "verdict") == 1)
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.between("", "dns") == 3)
    }

    /// The bounded distance is the distance when within the limit and nil otherwise, for every
    /// pair of a few thousand words drawn from a small alphabet (so that they are often close).
    @Test func theBoundedDistanceAgreesWithTheFullOne() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcd")
        func word() -> String { String((0..<Int.random(in: 0...7, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) }
        for _ in 0..<3_000 {
            let (a, b) = (word(), word())
            let full = EditDistance.between(a, b)
            for limit in 0...4 {
                #expect(EditDistance.between(a, b, limit: limit) == (full <= limit ? full : nil), "\(a) \(b) \(limit)")
            }
        }
    }

    /// A long word is refused by its length alone: the work does not grow with it.
    @Test func aLongWordIsNotCompared() {
        let long = String(repeating: "x", count: 1_000_000)
        #expect(EditDistance.between(long, "dst.port", limit: 3) == nil)
        #expect(EditDistance.between(String(repeating: "a", count: 500) + "b", String(repeating: "a", count: 500) + "c", limit: 1) == 1)
    }
}
