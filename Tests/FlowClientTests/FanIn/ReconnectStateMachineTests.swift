import GRPCCore
import Testing
@testable import FlowClient

/// One source's connection through its failures, without a network or a clock.
@Suite struct ReconnectStateMachineTests {
    static let policy = RetryPolicy(initial: .milliseconds(250), maximum: .seconds(1), jitter: 0)

    static func failure(_ code: RPCError.Code) -> ServerError {
        ServerError(code: code, message: "down", server: "a:1")
    }

    @Test func aStreamThatEndsAsAskedCompletes() {
        var machine = ReconnectStateMachine(follow: false, retry: Self.policy)
        machine.streamOpened()
        #expect(machine.attemptEnded(.completed, nothingReachable: { false }) == .finish(.completed, report: nil))
        #expect(machine.state == .ended)
    }

    @Test func followingAFailedServerIsRetriedWithGrowingDelays() {
        var machine = ReconnectStateMachine(follow: true, retry: Self.policy)
        var delays: [Duration] = []
        for _ in 0..<4 {
            #expect(!machine.isAfterOutage || delays.count > 0)
            guard case .retry(let delay, _) = machine.attemptEnded(.failed(Self.failure(.unavailable)), random: 0, nothingReachable: { false }) else {
                Issue.record("expected a retry")
                return
            }
            delays.append(delay)
            machine.waitEnded()
            #expect(machine.isAfterOutage)
        }
        #expect(delays == [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(1)])
    }

    @Test func aStreamThatBrokeAfterDataIsRetriedFromTheFirstDelayAndMarkedAfterData() {
        var machine = ReconnectStateMachine(follow: true, retry: Self.policy)
        _ = machine.attemptEnded(.failed(Self.failure(.unavailable)), random: 0, nothingReachable: { false })
        machine.waitEnded()
        machine.waitEnded()
        machine.streamOpened()
        let action = machine.attemptEnded(.failed(Self.failure(.unavailable)), random: 0, nothingReachable: { false })
        var expected = Self.failure(.unavailable)
        expected.afterData = true
        #expect(action == .retry(after: .milliseconds(250), report: expected))
    }

    @Test func whenNoSourceCanBeReachedAllAreAbandoned() {
        var machine = ReconnectStateMachine(follow: true, retry: Self.policy)
        let action = machine.attemptEnded(.failed(Self.failure(.unavailable)), nothingReachable: { true })
        #expect(action == .abandonAll(.unreachable(Self.failure(.unavailable))))
    }

    @Test func aSourceOnceReachedIsNotAbandonedWithTheUnreachable() {
        var machine = ReconnectStateMachine(follow: true, retry: Self.policy)
        machine.streamOpened()
        var asked = false
        _ = machine.attemptEnded(.failed(Self.failure(.unavailable)), nothingReachable: {
            asked = true
            return true
        })
        #expect(!asked)
    }

    @Test func aFailureRetryingCannotFixEndsTheSource() {
        var machine = ReconnectStateMachine(follow: true, retry: Self.policy)
        machine.streamOpened()
        guard case .finish(.failed(let error), let report) = machine.attemptEnded(.failed(Self.failure(.invalidArgument)), nothingReachable: { false }) else {
            Issue.record("expected the source to end as failed")
            return
        }
        #expect(error.code == .invalidArgument && report == error)
    }

    @Test func withoutFollowAFailureEndsTheSource() {
        var machine = ReconnectStateMachine(follow: false, retry: Self.policy)
        #expect(machine.attemptEnded(.failed(Self.failure(.unavailable)), nothingReachable: { false })
            == .finish(.unreachable(Self.failure(.unavailable)), report: Self.failure(.unavailable)))
    }

    @Test func stoppedWhileWaitingASourceNeverReachedStaysUnreachable() {
        var machine = ReconnectStateMachine(follow: true, retry: Self.policy)
        _ = machine.attemptEnded(.failed(Self.failure(.unavailable)), nothingReachable: { false })
        #expect(machine.stopped() == .unreachable(Self.failure(.unavailable)))
        var reached = ReconnectStateMachine(follow: true, retry: Self.policy)
        reached.streamOpened()
        _ = reached.attemptEnded(.failed(Self.failure(.unavailable)), nothingReachable: { false })
        #expect(reached.stopped() == .completed)
    }

    @Test func unknownErrorsAreRetriedOnlyAfterData() {
        var broken = Self.failure(.unknown)
        #expect(!ReconnectStateMachine.isRetriable(broken))
        broken.afterData = true
        #expect(ReconnectStateMachine.isRetriable(broken))
    }
}
