import FilterLanguage
import Testing

/// The filter flags' order is read from the arguments, their values from the parsed command.
@Suite struct HubbleFilterFlagOrderTests {
    /// What a parser would have parsed for `arguments`, by flag (values in order; "" per
    /// occurrence of a flag without a value).
    static func parsed(_ values: [String: [String]]) -> (HubbleFilterFlag) -> [String] {
        { values[$0.name] ?? [] }
    }

    static func names(_ ordered: [(name: String, value: String)]) -> [String] {
        ordered.map { $0.value.isEmpty ? $0.name : "\($0.name)=\($0.value)" }
    }

    @Test func flagsKeepTheirOrderAcrossDifferentFlags() throws {
        let arguments = ["--from-pod", "a", "--server", "x:1", "--not", "--to-pod", "b", "-n", "echo", "--last", "5"]
        let ordered = try HubbleFilterFlag.ordered(
            in: arguments, values: Self.parsed(["from-pod": ["a"], "not": [""], "to-pod": ["b"], "namespace": ["echo"]]))
        #expect(Self.names(ordered) == ["from-pod=a", "not", "to-pod=b", "namespace=echo"])
    }

    @Test func valuesComeFromTheParsedCommandInOrder() throws {
        let arguments = ["--verdict=DROPPED", "--port", "80", "--verdict", "FORWARDED"]
        let ordered = try HubbleFilterFlag.ordered(
            in: arguments, values: Self.parsed(["verdict": ["DROPPED", "FORWARDED"], "port": ["80"]]))
        #expect(Self.names(ordered) == ["verdict=DROPPED", "port=80", "verdict=FORWARDED"])
    }

    @Test func aValueThatNamesAFlagIsAValue() throws {
        // `--pod --verdict` is the pod "--verdict" only for a parser that takes it; here the parsed
        // command says which: one pod, no verdict.
        let ordered = try HubbleFilterFlag.ordered(in: ["--pod=--verdict"], values: Self.parsed(["pod": ["--verdict"]]))
        #expect(Self.names(ordered) == ["pod=--verdict"])
    }

    @Test func shortOptionsInAClusterAreReadLetterByLetter() throws {
        // -f is not a filter flag; -4 has no value; -n takes the rest of the cluster or the next argument.
        let ordered = try HubbleFilterFlag.ordered(
            in: ["-f4n", "echo", "-Aloupe=x"], values: Self.parsed(["ipv4": [""], "namespace": ["echo"], "all-namespaces": [""], "label": ["loupe=x"]]))
        #expect(Self.names(ordered) == ["ipv4", "namespace=echo", "all-namespaces", "label=loupe=x"])
    }

    @Test func argumentsAfterTheTerminatorArePositional() throws {
        let ordered = try HubbleFilterFlag.ordered(in: ["--ipv6", "--", "--ipv4"], values: Self.parsed(["ipv6": [""]]))
        #expect(Self.names(ordered) == ["ipv6"])
    }

    @Test func anOrderThatDoesNotAccountForTheParsedValuesIsAnError() {
        #expect(throws: HubbleFlagError.self) {
            try HubbleFilterFlag.ordered(in: ["--verdict", "DROPPED"], values: Self.parsed(["verdict": ["DROPPED", "FORWARDED"]]))
        }
        #expect(throws: HubbleFlagError.self) {
            try HubbleFilterFlag.ordered(in: ["--verdict", "DROPPED", "--verdict", "ERROR"], values: Self.parsed(["verdict": ["DROPPED"]]))
        }
    }
}
