import FlowModel
import HubbleAPI
import Testing
@testable import FlowClient

/// The merger's transitions, with plain numbers standing for the tasks that wait.
@Suite struct MergeStateMachineTests {
    typealias Machine = MergeStateMachine<Int>
    static let t0 = ContinuousClock.now

    static func flow(_ uuid: String) -> FlowEnvelope {
        var flow = Flow()
        flow.uuid = uuid
        return FlowEnvelope(flow: flow)
    }

    static func uuids(_ batch: [FlowEnvelope]) -> [String] { batch.map(\.flow.uuid) }

    @Test func theOldestHeadGoesFirstOnceEverySourceHasOne() {
        var machine = Machine(sources: 2, capacity: 8, drain: nil)
        _ = machine.setActive(0, true)
        _ = machine.setActive(1, true)
        _ = machine.push(Self.flow("a2"), from: 0, key: 2, arrival: Self.t0)
        // Source 1 is streaming but has nothing yet: history waits for it.
        #expect(machine.take(now: Self.t0).wait == .forever)
        _ = machine.push(Self.flow("b1"), from: 1, key: 1, arrival: Self.t0)
        _ = machine.push(Self.flow("b3"), from: 1, key: 3, arrival: Self.t0)
        let taken = machine.take(now: Self.t0)
        #expect(Self.uuids(taken.batch) == ["b1", "a2"])
        #expect(taken.wait == .forever)
        // Source 0 ends: it no longer holds the order back.
        _ = machine.setActive(0, false)
        #expect(Self.uuids(machine.take(now: Self.t0).batch) == ["b3"])
    }

    @Test func followingTheOldestWaitsForAQuietSourceAtMostTheDrainDelay() {
        var machine = Machine(sources: 2, capacity: 8, drain: .milliseconds(100))
        _ = machine.setActive(0, true)
        _ = machine.setActive(1, true)
        _ = machine.push(Self.flow("a"), from: 0, key: 5, arrival: Self.t0)
        #expect(machine.take(now: Self.t0).wait == .until(Self.t0 + .milliseconds(100)))
        #expect(Self.uuids(machine.take(now: Self.t0 + .milliseconds(100)).batch) == ["a"])
    }

    @Test func aFullQueueBlocksItsProducerUntilHalfIsTaken() {
        var machine = Machine(sources: 1, capacity: 4, drain: nil)
        var mustWait = false
        for n in 1...4 { mustWait = machine.push(Self.flow("\(n)"), from: 0, key: Int64(n), arrival: Self.t0).mustWait }
        #expect(mustWait)
        #expect(machine.block(0, 7) == nil)
        let taken = machine.take(now: Self.t0)
        #expect(taken.batch.count == 4)
        #expect(taken.release == [7])
    }

    @Test func aProducerThatFindsRoomIsNotBlocked() {
        var machine = Machine(sources: 1, capacity: 2, drain: nil)
        _ = machine.push(Self.flow("1"), from: 0, key: 1, arrival: Self.t0)
        _ = machine.push(Self.flow("2"), from: 0, key: 2, arrival: Self.t0)
        _ = machine.take(now: Self.t0)
        #expect(machine.block(0, 9) == 9)
    }

    @Test func aChangeBetweenTakeAndWaitIsNotMissed() {
        var machine = Machine(sources: 1, capacity: 8, drain: nil)
        _ = machine.setActive(0, true)
        let seen = machine.generation
        #expect(machine.take(now: Self.t0).batch.isEmpty)
        _ = machine.push(Self.flow("late"), from: 0, key: 1, arrival: Self.t0)
        #expect(machine.wait(3, seen: seen, until: nil, now: Self.t0) == 3)
    }

    @Test func aWaitingReaderIsWokenByAPushOrTheClose() {
        var machine = Machine(sources: 1, capacity: 8, drain: .milliseconds(100))
        _ = machine.setActive(0, true)
        #expect(machine.wait(1, seen: machine.generation, until: nil, now: Self.t0) == nil)
        #expect(machine.push(Self.flow("x"), from: 0, key: 1, arrival: Self.t0).reader == 1)
        #expect(machine.wait(2, seen: machine.generation, until: nil, now: Self.t0) == nil)
        #expect(machine.close() == [2])
    }

    /// Reading history, the reader is woken for a batch, not for every record; a source that ends
    /// wakes it whatever it holds.
    @Test func historyWakesTheReaderForABatch() {
        var machine = Machine(sources: 1, capacity: 1024, drain: nil)
        _ = machine.setActive(0, true)
        #expect(machine.wait(1, seen: machine.generation, until: nil, now: Self.t0) == nil)
        for n in 1..<Machine.historyWakeThreshold {
            #expect(machine.push(Self.flow("\(n)"), from: 0, key: Int64(n), arrival: Self.t0).reader == nil)
        }
        #expect(machine.push(Self.flow("last"), from: 0, key: 99, arrival: Self.t0).reader == 1)
        #expect(machine.take(now: Self.t0).batch.count == Machine.historyWakeThreshold)
        #expect(machine.wait(2, seen: machine.generation, until: nil, now: Self.t0) == nil)
        _ = machine.push(Self.flow("tail"), from: 0, key: 100, arrival: Self.t0)
        #expect(machine.setActive(0, false) == 2)
    }

    @Test func theDrainDeadlineWakesTheReaderOnlyOnceItHasPassed() {
        var machine = Machine(sources: 1, capacity: 8, drain: .milliseconds(10))
        let deadline = Self.t0 + .milliseconds(10)
        #expect(machine.wait(4, seen: machine.generation, until: deadline, now: Self.t0) == nil)
        #expect(machine.deadlinePassed(now: Self.t0) == nil)
        #expect(machine.deadlinePassed(now: deadline) == 4)
        #expect(machine.wait(5, seen: machine.generation, until: deadline, now: deadline) == 5)
    }

    @Test func closingHandsOutWhatIsQueuedThenIsDone() {
        var machine = Machine(sources: 2, capacity: 2, drain: nil)
        _ = machine.setActive(0, true)
        _ = machine.push(Self.flow("1"), from: 0, key: 1, arrival: Self.t0)
        _ = machine.push(Self.flow("2"), from: 0, key: 2, arrival: Self.t0)
        #expect(machine.block(0, 8) == nil)
        #expect(machine.close() == [8])
        #expect(Self.uuids(machine.take(now: Self.t0).batch) == ["1", "2"])
        #expect(machine.take(now: Self.t0).wait == .done)
    }

    @Test func recordsWithoutATimeTakeTheTimeOfTheRecordBefore() {
        var machine = Machine(sources: 2, capacity: 8, drain: nil)
        _ = machine.push(Self.flow("a5"), from: 0, key: 5, arrival: Self.t0)
        _ = machine.push(Self.flow("a-"), from: 0, key: .min, arrival: Self.t0)
        _ = machine.push(Self.flow("b6"), from: 1, key: 6, arrival: Self.t0)
        #expect(Self.uuids(machine.take(now: Self.t0).batch) == ["a5", "a-", "b6"])
    }
}
