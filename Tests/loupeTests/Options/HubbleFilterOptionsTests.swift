import ArgumentParser
import FilterLanguage
import Foundation
import Testing
@testable import loupe

/// The registry of the reference CLI's filter flags (`HubbleFilterFlag`) against what the commands
/// parse: every flag is declared with its name, shorthand, help and kind, and its value is read back.
@Suite struct HubbleFilterOptionsTests {
    @Test(arguments: HubbleFilterFlag.all.map(\.name))
    func everyRegistryFlagIsParsedAsItsEntrySays(name: String) async throws {
        let flag = try #require(HubbleFilterFlag.named(name))
        let given = flag.takesValue ? ["--\(name)", "x1"] : ["--\(name)"]
        let expected = flag.takesValue ? ["x1"] : [""]
        for parsed in [try await Observe.asyncParse(given).hubbleFilters, try await Top.asyncParse(given).hubbleFilters] {
            #expect(parsed.values(of: flag) == expected)
            #expect(try parsed.ordered(in: given).map(\.name) == [name])
        }
        if let shorthand = flag.shorthand {
            let short = flag.takesValue ? ["-\(shorthand)", "x1"] : ["-\(shorthand)"]
            #expect(try await Observe.asyncParse(short).hubbleFilters.values(of: flag) == expected)
        }
        let help = Observe.helpMessage(columns: 1000)
        #expect(help.contains(flag.display + (flag.takesValue ? " <filter>" : "")))
        #expect(help.contains(flag.help))
    }

    /// Nothing is declared that the registry does not know.
    @Test func noFilterFlagIsDeclaredOutsideTheRegistry() {
        let help = Observe.helpMessage(columns: 1000)
        let section = help.components(separatedBy: "FILTERS (THOSE OF HUBBLE OBSERVE):\n")[1].components(separatedBy: "\n\n")[0]
        let declared = section.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "--") else { return nil }
            let name = line[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            return name.isEmpty || name == "help" ? nil : String(name)
        }
        #expect(Set(declared) == Set(HubbleFilterFlag.all.map(\.name)))
    }
}
