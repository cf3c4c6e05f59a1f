import Foundation
import Testing

@testable import AgentServer

struct BasicAuthenticatorTests {
    static let file = """
        # the agent's users
        alice:$2b$04$TeBus271Ou9N1stA0An3A.TAQLuRTq6vLaq.yLtrdXb6OUy5gzZM2

        bob:$2y$06$abcdefghijklmnopqrstuuZRpgtdvy8sTei59Ltc5pdsksVO.fDZe\r
        """

    static func header(_ credentials: String) -> String { "Basic " + Data(credentials.utf8).base64EncodedString() }

    @Test func readsUsersAndSkipsCommentsAndBlankLines() throws {
        let users = try BasicAuthUsers(text: Self.file, file: "users")
        #expect(users.hashes.keys.sorted() == ["alice", "bob"])
    }

    @Test func badLinesAreReportedWithTheirPlace() {
        let cases: [(String, String)] = [
            ("alice\n", "users:1: expected user:bcrypt-hash"),
            ("# none\n\n", "users: no users"),
            (":$2b$04$TeBus271Ou9N1stA0An3A.TAQLuRTq6vLaq.yLtrdXb6OUy5gzZM2", "users:1: the user name is empty"),
            ("\nalice:secret", "users:2: user \"alice\": not a bcrypt hash"),
            ("alice:$2b$04$TeBus271Ou9N1stA0An3A.TAQLuRTq6vLaq.yLtrdXb6OUy5gzZM2\nalice:$2b$04$TeBus271Ou9N1stA0An3A.TAQLuRTq6vLaq.yLtrdXb6OUy5gzZM2",
             "users:2: user \"alice\" is given twice"),
        ]
        for (text, message) in cases {
            do {
                _ = try BasicAuthUsers(text: text, file: "users")
                Issue.record("\(text) was accepted")
            } catch {
                #expect(error.description.hasPrefix(message), "\(error.description)")
            }
        }
    }

    @Test func acceptsOnlyAKnownUserWithTheRightPassword() async throws {
        let authenticator = BasicAuthenticator(users: try BasicAuthUsers(text: Self.file, file: "users"))
        #expect(await authenticator.authenticate(Self.header("alice:loupe")) == .accepted(user: "alice"))
        #expect(await authenticator.authenticate(Self.header("bob:pässwörd")) == .accepted(user: "bob"))
        #expect(await authenticator.authenticate(Self.header("alice:pässwörd")) == .rejected)
        #expect(await authenticator.authenticate(Self.header("carol:loupe")) == .rejected)
        #expect(await authenticator.authenticate(Self.header("alice")) == .malformed)
        #expect(await authenticator.authenticate("Bearer abc") == .malformed)
        #expect(await authenticator.authenticate("Basic !!!") == .malformed)
        #expect(await authenticator.authenticate(nil) == .missing)
        // A password with a colon: only the first colon separates the user.
        let colon = Bcrypt.hash(password: "a:b", salt: Array(repeating: 7, count: 16), cost: 4)
        let second = BasicAuthenticator(users: BasicAuthUsers(hashes: ["dave": colon]))
        #expect(await second.authenticate(Self.header("dave:a:b")) == .accepted(user: "dave"))
        #expect(await authenticator.authenticate(Self.header("alice:loupe")) == .accepted(user: "alice"), "remembered answers stay right")
    }
}
