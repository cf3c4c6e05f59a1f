/// Tests joined into one, with the common small counts unrolled (no loop, no array access per flow).
enum FlowTestCombination {
    /// True when every test is (true for none).
    static func all(_ tests: [FlowTest]) -> FlowTest {
        switch tests.count {
        case 0: return { _ in true }
        case 1: return tests[0]
        case 2:
            let (a, b) = (tests[0], tests[1])
            return { a($0) && b($0) }
        case 3:
            let (a, b, c) = (tests[0], tests[1], tests[2])
            return { a($0) && b($0) && c($0) }
        default:
            return { flow in
                for test in tests where !test(flow) { return false }
                return true
            }
        }
    }

    /// True when some test is (false for none).
    static func any(_ tests: [FlowTest]) -> FlowTest {
        switch tests.count {
        case 0: return { _ in false }
        case 1: return tests[0]
        case 2:
            let (a, b) = (tests[0], tests[1])
            return { a($0) || b($0) }
        default:
            return { flow in
                for test in tests where test(flow) { return true }
                return false
            }
        }
    }
}
