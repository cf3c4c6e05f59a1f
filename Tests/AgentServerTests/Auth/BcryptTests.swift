import Testing

@testable import AgentServer

struct BcryptTests {
    /// Hashes made by OpenBSD's and openwall's implementations and by Python's `bcrypt`.
    static let known: [(password: String, hash: String)] = [
        ("U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"),
        ("U*U*", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK"),
        ("U*U*U", "$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a"),
        ("", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy"),
        ("", "$2b$04$RQW3luYwxbg00TM49mvE6.cips.ARX/dQ2RNjBxSWK80SMXYktiHG"),
        ("loupe", "$2b$04$TeBus271Ou9N1stA0An3A.TAQLuRTq6vLaq.yLtrdXb6OUy5gzZM2"),
        ("pässwörd", "$2y$06$abcdefghijklmnopqrstuuZRpgtdvy8sTei59Ltc5pdsksVO.fDZe"),
        (String(repeating: "a", count: 72), "$2b$04$abcdefghijklmnopqrstuuBzzIgyKkz7xMWYSzkIjUSnxEQFQ0WNe"),
    ]

    @Test(arguments: 0..<known.count) func computesTheKnownHashes(index: Int) throws {
        let (password, text) = Self.known[index]
        let hash = try Bcrypt(text)
        #expect(Bcrypt.hash(password: password, salt: hash.salt, cost: hash.cost, variant: hash.variant) == hash)
        #expect(hash.verify(password))
        #expect(!hash.verify("x" + password))
    }

    @Test func readsAndWritesTheTextualForm() throws {
        for (_, text) in Self.known where !text.hasPrefix("$2a$05$CCCC") {
            #expect(try Bcrypt(text).text == text)
        }
    }

    @Test func onlyTheFirst72BytesCount() throws {
        let hash = try Bcrypt("$2b$04$abcdefghijklmnopqrstuuBzzIgyKkz7xMWYSzkIjUSnxEQFQ0WNe")
        #expect(hash.verify(String(repeating: "a", count: 100)))
        #expect(!hash.verify(String(repeating: "a", count: 71)))
    }

    @Test func refusesWhatIsNotABcryptHash() {
        let cases: [(String, String)] = [
            ("secret", "not a bcrypt hash"),
            ("$1$abcdefgh$0123456789012345678901", "not a bcrypt hash"),
            ("$2x$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW", "unsupported bcrypt variant $2x$"),
            ("$2b$03$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW", "cost must be from 04 to 31"),
            ("$2b$32$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW", "cost must be from 04 to 31"),
            ("$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOe!", "./A-Za-z0-9"),
        ]
        for (text, message) in cases {
            #expect(throws: Bcrypt.Malformed.self) { try Bcrypt(text) }
            do {
                _ = try Bcrypt(text)
            } catch {
                #expect(error.description.contains(message), "\(text): \(error.description)")
            }
        }
    }
}
