import Synchronization

/// A count shared by the worker tasks that filter records.
package final class RecordCounter: Sendable {
    private let count = Atomic<Int>(0)

    package func increment() { count.add(1, ordering: .relaxed) }
    package var value: Int { count.load(ordering: .relaxed) }
}
