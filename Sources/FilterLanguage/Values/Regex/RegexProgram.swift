/// A regular expression compiled to a Thompson automaton: a list of instructions that
/// `RegexMachine` runs over the text in one pass, in time proportional to the text's length times
/// the program's size, whatever the pattern. There is no backtracking to blow up.
struct RegexProgram: Sendable {
    enum Instruction: Sendable {
        /// Consume one scalar of the set.
        case scalar(Int)
        /// Consume any scalar (but `\n` only when `newline`).
        case any(newline: Bool)
        /// Go on at both.
        case split(Int, Int)
        case jump(Int)
        case assertion(RegexAssertion)
        case match
    }

    private(set) var instructions: [Instruction] = []
    private(set) var sets: [ScalarSet] = []
    /// Each set's answer for ASCII scalars, as plain bits: the common case, without touching the set.
    private(set) var asciiSets: [AsciiSet] = []

    struct AsciiSet: Sendable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        init(_ set: ScalarSet) {
            for value in UInt32(0)..<128 where set.contains(Unicode.Scalar(value)!) {
                if value < 64 { low |= 1 << UInt64(value) } else { high |= 1 << UInt64(value - 64) }
            }
        }

        @inline(__always)
        func contains(_ value: UInt32) -> Bool {
            value < 64 ? low & (1 << UInt64(value)) != 0 : high & (1 << UInt64(value &- 64)) != 0
        }
    }

    /// Whether set `index` holds `scalar`.
    @inline(__always)
    func set(_ index: Int, contains scalar: Unicode.Scalar) -> Bool {
        scalar.value < 128 ? asciiSets[index].contains(scalar.value) : sets[index].contains(scalar)
    }
    /// Every match starts at the beginning of the text (`^…` or `\A…` without `(?m)`).
    private(set) var anchoredAtStart = false

    /// The most instructions a program may have; a larger one is "expression too large", as RE2
    /// refuses it. It bounds the work per scalar of text.
    static let maximumSize = 20_000

    struct TooLarge: Error {}

    /// The set every match starts with, when one is known (the program begins with scalars only):
    /// a search skips the text's other scalars while no thread is alive.
    private(set) var firstSet: Int?

    init(_ node: RegexNode) throws(TooLarge) {
        try emit(node)
        try append(.match)
        anchoredAtStart = Self.startsAnchored(node)
        firstSet = startingSet()
        asciiSets = sets.map(AsciiSet.init)
    }

    /// The union of the sets of the scalar instructions reachable from the start without consuming
    /// anything; nil when the match, `.` or an assertion is reachable too.
    private mutating func startingSet() -> Int? {
        var union = ScalarSet()
        var seen = Set<Int>()
        var pending = [0]
        while let pc = pending.popLast() {
            guard seen.insert(pc).inserted else { continue }
            switch instructions[pc] {
            case .scalar(let index):
                guard !sets[index].negated, sets[index].categories.isEmpty, sets[index].excludedCategories.isEmpty else { return nil }
                union.add(sets[index])
            case .split(let a, let b):
                pending.append(a)
                pending.append(b)
            case .jump(let target):
                pending.append(target)
            case .any, .assertion, .match:
                return nil
            }
        }
        sets.append(union)
        return sets.count - 1
    }

    private static func startsAnchored(_ node: RegexNode) -> Bool {
        switch node {
        case .assertion(.beginText): return true
        case .concat(let items): return items.first.map(startsAnchored) ?? false
        case .alternate(let branches): return branches.allSatisfy(startsAnchored)
        default: return false
        }
    }

    private mutating func append(_ instruction: Instruction) throws(TooLarge) {
        guard instructions.count < Self.maximumSize else { throw TooLarge() }
        instructions.append(instruction)
    }

    private mutating func emit(_ node: RegexNode) throws(TooLarge) {
        switch node {
        case .empty:
            break
        case .set(let set):
            if let index = sets.firstIndex(of: set) {
                try append(.scalar(index))
            } else {
                sets.append(set)
                try append(.scalar(sets.count - 1))
            }
        case .any(let newline):
            try append(.any(newline: newline))
        case .assertion(let assertion):
            try append(.assertion(assertion))
        case .concat(let items):
            for item in items { try emit(item) }
        case .alternate(let branches):
            // split L1, next; L1: branch; jump end; next: split … ; last branch.
            var jumps: [Int] = []
            for (index, branch) in branches.enumerated() {
                if index < branches.count - 1 {
                    let split = instructions.count
                    try append(.split(split + 1, 0))
                    try emit(branch)
                    jumps.append(instructions.count)
                    try append(.jump(0))
                    instructions[split] = .split(split + 1, instructions.count)
                } else {
                    try emit(branch)
                }
            }
            for jump in jumps { instructions[jump] = .jump(instructions.count) }
        case .repetition(let inner, let min, let max):
            for _ in 0..<min { try emit(inner) }
            if let max {
                // (x(x(x)?)?)?: each optional copy skips to the end.
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(instructions.count)
                    try append(.split(instructions.count + 1, 0))
                    try emit(inner)
                }
                for split in splits { instructions[split] = .split(split + 1, instructions.count) }
            } else {
                // loop: split body, end; body; jump loop.
                let loop = instructions.count
                try append(.split(loop + 1, 0))
                try emit(inner)
                try append(.jump(loop))
                instructions[loop] = .split(loop + 1, instructions.count)
            }
        }
    }
}
