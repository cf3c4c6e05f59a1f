/// A set of Unicode scalars: ranges, Unicode general categories, or the complement of both. What a
/// character, a class (`[a-z\d]`, `\pL`) or a case-folded literal of a regular expression matches.
struct ScalarSet: Sendable, Hashable {
    /// Sorted, non-overlapping closed ranges of scalar values.
    private(set) var ranges: [ClosedRange<UInt32>] = []
    /// General categories (`\pL`, `\p{Nd}`) matched besides the ranges, and those whose
    /// complement is (`\PL`).
    private(set) var categories: Set<CategoryGroup> = []
    private(set) var excludedCategories: Set<CategoryGroup> = []
    private(set) var negated = false
    /// ASCII membership, for the common case.
    private var ascii: (UInt64, UInt64) = (0, 0)

    init() {}

    init(_ scalar: Unicode.Scalar) {
        self.init()
        add(scalar.value...scalar.value)
    }

    static let all: ScalarSet = {
        var set = ScalarSet()
        set.add(0...0x10FFFF)
        return set
    }()

    mutating func add(_ range: ClosedRange<UInt32>) {
        ranges.append(range)
        normalize()
    }

    mutating func add(_ other: ScalarSet) {
        if other.negated {
            // Sets are added negated only as `\D`, `\S`, `\W`, `[:^alpha:]`: ranges, expanded.
            ranges += other.complementRanges
        } else {
            ranges += other.ranges
            categories.formUnion(other.categories)
            excludedCategories.formUnion(other.excludedCategories)
        }
        normalize()
    }

    mutating func add(_ category: CategoryGroup, excluded: Bool = false) {
        if excluded { excludedCategories.insert(category) } else { categories.insert(category) }
    }

    /// The set with every scalar it holds and every one it does not swapped.
    func inverted() -> ScalarSet {
        var copy = self
        copy.negated.toggle()
        return copy
    }

    /// The ranges outside `ranges` (categories are not expanded: a negated set keeps them).
    var complementRanges: [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            next = range.upperBound &+ 1
            if range.upperBound == 0x10FFFF { return result }
        }
        if next <= 0x10FFFF { result.append(next...0x10FFFF) }
        return result
    }

    /// Adds the other case of every letter (for `(?i)`); ranges wider than a few thousand scalars
    /// are left as they are.
    mutating func addCaseVariants() {
        var extra: [ClosedRange<UInt32>] = []
        for range in ranges where range.count <= 4096 {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                for variant in Self.caseVariants(of: scalar) where !range.contains(variant.value) {
                    extra.append(variant.value...variant.value)
                }
            }
        }
        ranges += extra
        normalize()
    }

    static func caseVariants(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        let properties = scalar.properties
        var variants: [Unicode.Scalar] = []
        for mapping in [properties.lowercaseMapping, properties.uppercaseMapping, properties.titlecaseMapping] {
            let scalars = mapping.unicodeScalars
            if scalars.count == 1, let only = scalars.first, only != scalar { variants.append(only) }
        }
        return variants
    }

    private mutating func normalize() {
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        for range in ranges {
            if let last = merged.last, UInt64(range.lowerBound) <= UInt64(last.upperBound) + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        ranges = merged
        ascii = (0, 0)
        for range in ranges where range.lowerBound < 128 {
            for value in range.lowerBound...min(range.upperBound, 127) {
                if value < 64 { ascii.0 |= 1 << UInt64(value) } else { ascii.1 |= 1 << UInt64(value - 64) }
            }
        }
    }

    @inline(__always)
    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        var found: Bool
        if value < 128 && categories.isEmpty && excludedCategories.isEmpty {
            found = value < 64 ? ascii.0 & (1 << UInt64(value)) != 0 : ascii.1 & (1 << UInt64(value - 64)) != 0
        } else {
            found = inRanges(value) || categories.contains { $0.contains(scalar) }
                || excludedCategories.contains { !$0.contains(scalar) }
        }
        return found != negated
    }

    private func inRanges(_ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = ranges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    static func == (a: ScalarSet, b: ScalarSet) -> Bool {
        a.ranges == b.ranges && a.categories == b.categories && a.excludedCategories == b.excludedCategories && a.negated == b.negated
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(ranges.count)
        hasher.combine(negated)
    }
}

/// A Unicode general category or a group of them, as `\p{…}` names them (`L`, `Lu`, `Nd`, …).
struct CategoryGroup: Sendable, Hashable {
    let name: String
    private let categories: Set<Unicode.GeneralCategory>

    init?(_ name: String) {
        let table: [String: [Unicode.GeneralCategory]] = [
            "Lu": [.uppercaseLetter], "Ll": [.lowercaseLetter], "Lt": [.titlecaseLetter], "Lm": [.modifierLetter],
            "Lo": [.otherLetter], "Mn": [.nonspacingMark], "Mc": [.spacingMark], "Me": [.enclosingMark],
            "Nd": [.decimalNumber], "Nl": [.letterNumber], "No": [.otherNumber], "Pc": [.connectorPunctuation],
            "Pd": [.dashPunctuation], "Ps": [.openPunctuation], "Pe": [.closePunctuation], "Pi": [.initialPunctuation],
            "Pf": [.finalPunctuation], "Po": [.otherPunctuation], "Sm": [.mathSymbol], "Sc": [.currencySymbol],
            "Sk": [.modifierSymbol], "So": [.otherSymbol], "Zs": [.spaceSeparator], "Zl": [.lineSeparator],
            "Zp": [.paragraphSeparator], "Cc": [.control], "Cf": [.format], "Cs": [.surrogate], "Co": [.privateUse],
        ]
        if let categories = table[name] {
            self.name = name
            self.categories = Set(categories)
            return
        }
        guard name.count == 1 else { return nil }
        let members = table.filter { $0.key.hasPrefix(name) }.flatMap(\.value)
        guard !members.isEmpty else { return nil }
        self.name = name
        categories = Set(members)
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool { categories.contains(scalar.properties.generalCategory) }
}
