/// Runs a `RegexProgram` over a text: every thread of the automaton advances one scalar at a time
/// (Pike's simulation), each instruction at most once per position, so a search costs at most the
/// text's length times the program's size.
struct RegexMachine {
    let program: RegexProgram

    /// Whether the pattern matches anywhere in `text`.
    func matches(_ text: String) -> Bool {
        var steps = 0
        return matches(text, steps: &steps)
    }

    /// `matches(_:)`, counting the threads advanced: never more than the text's length plus one,
    /// times the program's size.
    func matches(_ text: String, steps: inout Int) -> Bool {
        let count = program.instructions.count
        var current = ThreadList(capacity: count)
        var next = ThreadList(capacity: count)
        var stack: [Int] = []
        stack.reserveCapacity(count)
        var previous: Unicode.Scalar? = nil
        var iterator = text.unicodeScalars.makeIterator()
        var scalar = iterator.next()
        var position = 0
        while true {
            if current.isEmpty, position > 0, !program.anchoredAtStart, let first = program.firstSet {
                // No thread alive: skip to the next scalar a match can start with.
                while let candidate = scalar, !program.set(first, contains: candidate) {
                    previous = candidate
                    scalar = iterator.next()
                    position += 1
                }
            }
            // A new thread starts at every position (an unanchored search), or only at the first.
            if position == 0 || !program.anchoredAtStart {
                if add(0, to: &current, stack: &stack, previous: previous, next: scalar) { return true }
            }
            if current.isEmpty && program.anchoredAtStart { return false }
            guard let here = scalar else { return false }
            let following = iterator.next()
            next.clear()
            steps += current.count
            for index in 0..<current.count {
                let pc = current.items[index]
                let advances: Bool
                switch program.instructions[pc] {
                case .scalar(let set): advances = program.set(set, contains: here)
                case .any(let newline): advances = newline || here != "\n"
                default: advances = false
                }
                if advances, add(pc + 1, to: &next, stack: &stack, previous: here, next: following) { return true }
            }
            swap(&current, &next)
            previous = here
            scalar = following
            position += 1
        }
    }

    /// Adds the thread at `pc` and those its jumps, splits and assertions lead to; true when one
    /// reaches the match.
    @inline(__always)
    private func add(_ pc: Int, to list: inout ThreadList, stack: inout [Int], previous: Unicode.Scalar?, next: Unicode.Scalar?) -> Bool {
        stack.removeAll(keepingCapacity: true)
        stack.append(pc)
        while let pc = stack.popLast() {
            guard list.insert(pc) else { continue }
            switch program.instructions[pc] {
            case .match: return true
            case .jump(let target): stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .assertion(let assertion):
                if assertion.holds(previous: previous, next: next) { stack.append(pc + 1) }
            case .scalar, .any:
                list.keep(pc)
            }
        }
        return false
    }

    /// The threads at one position: a sparse set of instruction indices (cleared in constant time),
    /// and those of them that consume a scalar, in order.
    struct ThreadList {
        private var seen: [Int32]
        private var generation: Int32 = 1
        private(set) var items: [Int] = []

        init(capacity: Int) {
            seen = Array(repeating: 0, count: capacity)
            items.reserveCapacity(capacity)
        }

        var isEmpty: Bool { items.isEmpty }
        var count: Int { items.count }

        /// Marks `pc` seen at this position; false when it was already.
        mutating func insert(_ pc: Int) -> Bool {
            if seen[pc] == generation { return false }
            seen[pc] = generation
            return true
        }

        mutating func keep(_ pc: Int) { items.append(pc) }

        mutating func clear() {
            items.removeAll(keepingCapacity: true)
            generation &+= 1
            if generation == 0 {
                for index in seen.indices { seen[index] = 0 }
                generation = 1
            }
        }
    }
}
