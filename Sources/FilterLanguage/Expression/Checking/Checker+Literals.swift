import FlowModel
import HubbleAPI
import SwiftProtobuf

/// Literals, read as the type of the field they are compared with.
extension Checker {
    /// The test for `field op literal`, where `op` is `==`, `~` or an ordering (negations are applied
    /// by the caller).
    mutating func literalTest(_ spec: FieldSpec, _ op: ComparisonOperator, _ word: Word, operatorRange: SourceRange) -> ValueTest? {
        if op == .matches {
            switch spec.type {
            case .name, .fqdn, .node, .string, .caseInsensitiveString, .labelSelector:
                do {
                    return .regex(try FlowRegex(word.text))
                } catch {
                    diagnostics.append(Diagnostic("invalid regular expression: \(error)", at: word.range, note: "the syntax is RE2's"))
                    return nil
                }
            default:
                diagnostics.append(Diagnostic(
                    "'~' does not apply to \(spec.name) (a \(spec.type.displayName))", at: operatorRange,
                    note: "use ==, != or in"))
                return nil
            }
        }
        if op.isOrdering {
            switch spec.type {
            case .number, .identity:
                guard let value = number(spec, word) else { return nil }
                let max = maximum(spec.type)
                let range: ClosedRange<UInt64>?
                switch op {
                case .less: range = value == 0 ? nil : 0...(value - 1)
                case .lessOrEqual: range = 0...value
                case .greater: range = value == max ? nil : (value + 1)...max
                default: range = value...max
                }
                return .numbers(NumberSet(range.map { [$0] } ?? []))
            case .time:
                guard let t = time(word) else { return nil }
                return .time(op, t)
            default:
                diagnostics.append(Diagnostic(
                    "'\(op.rawValue)' does not apply to \(spec.name) (a \(spec.type.displayName))", at: operatorRange,
                    note: spec.type == .name || spec.type == .string ? "use ==, !=, in, or ~ with a regular expression" : "use ==, != or in"))
                return nil
            }
        }
        return setTest(spec, [SetItem(low: word, high: nil)])
    }

    /// The test for `field in {items}` (and for `==` with one item).
    mutating func setTest(_ spec: FieldSpec, _ items: [SetItem]) -> ValueTest? {
        if let ranged = items.first(where: { $0.high != nil }), !spec.type.isNumeric {
            diagnostics.append(Diagnostic(
                "ranges apply to numbers; \(spec.name) is a \(spec.type.displayName)", at: ranged.range,
                note: "list the values instead: \(spec.name) in {\(ranged.low.text), \(ranged.high?.text ?? "")}"))
            return nil
        }
        var failed = false
        func each<T>(_ convert: (inout Checker, Word) -> T?) -> [T] {
            var values: [T] = []
            for item in items {
                if let value = convert(&self, item.low) { values.append(value) } else { failed = true }
            }
            return values
        }
        let test: ValueTest
        switch spec.type {
        case .name:
            let qualified = spec.fields.contains { if case .namespace = $0 { false } else if case .cluster = $0 { false } else { true } }
            test = .names(each { $0.name($1, qualified: qualified) })
        case .fqdn:
            let patterns = each { checker, word -> String? in
                do {
                    _ = try NamePattern.fqdn(word.text)
                    return word.text
                } catch {
                    checker.diagnostics.append(Diagnostic("invalid FQDN pattern: \(error)", at: word.range, note: "use letters, digits, '-', '.', and '*' as a wildcard"))
                    return nil
                }
            }
            guard let set = try? NamePatternSet(fqdns: patterns) else { return nil }
            test = .fqdnPatterns(set, patterns)
        case .node:
            let patterns = each { checker, word -> (NodeNamePattern, String)? in
                do {
                    return (try NodeNamePattern(word.text), word.text)
                } catch {
                    checker.diagnostics.append(Diagnostic("invalid node name pattern: \(error)", at: word.range, note: "write [cluster/]node, with '*' as a wildcard"))
                    return nil
                }
            }
            test = .nodePatterns(patterns.map(\.0), patterns.map(\.1))
        case .string:
            test = .strings(Set(items.map(\.low.text)))
        case .caseInsensitiveString:
            test = .strings(Set(items.map { $0.low.text.lowercased() }))
        case .ip:
            var addresses = Set<IPAddress>()
            var prefixes: [IPPrefix] = []
            for item in items {
                if item.low.text.contains("/") {
                    switch IPPrefix.parseReportingError(item.low.text) {
                    case .success(let prefix): prefixes.append(prefix)
                    case .failure(let error):
                        failed = true
                        diagnostics.append(Diagnostic("invalid CIDR: \(error)", at: item.low.range, note: "write an address and a prefix length: 10.0.0.0/8"))
                    }
                } else {
                    switch IPAddress.parseReportingError(item.low.text) {
                    case .success(let address): addresses.insert(address)
                    case .failure(let error):
                        failed = true
                        diagnostics.append(Diagnostic(
                            "invalid IP address: \(error)", at: item.low.range,
                            note: "write an IPv4 or IPv6 address (10.0.0.1, fd00::1) or a CIDR (10.0.0.0/8)"))
                    }
                }
            }
            test = .addresses(addresses, prefixes)
        case .number, .identity:
            var ranges: [ClosedRange<UInt64>] = []
            for item in items {
                guard let low = number(spec, item.low) else { failed = true; continue }
                guard let highWord = item.high else { ranges.append(low...low); continue }
                guard let high = number(spec, highWord) else { failed = true; continue }
                guard low <= high else {
                    failed = true
                    diagnostics.append(Diagnostic("empty range \(low)..\(high)", at: item.range, note: "write the lower bound first: \(high)..\(low)"))
                    continue
                }
                ranges.append(low...high)
            }
            test = .numbers(NumberSet(ranges))
        case .labelSelector:
            guard items.count == 1 else {
                diagnostics.append(Diagnostic(
                    "a label selector is compared with ==", at: items[1].range,
                    note: "join selectors with or: label == \"a=1\" or label == \"b=2\""))
                return nil
            }
            do {
                test = .label(try LabelSelector(items[0].low.text))
            } catch {
                diagnostics.append(Diagnostic("invalid label selector: \(error)", at: items[0].low.range, note: "Kubernetes selector syntax: \"app=echo,tier in (fe,be)\""))
                return nil
            }
        case .verdict:
            test = .enumValues(Set(each { $0.enumValue(Flow_Verdict.self, $1, spec, prefix: "") }))
        case .dropReason:
            test = .enumValues(Set(each { $0.enumValue(Flow_DropReason.self, $1, spec, prefix: "") }))
        case .direction:
            test = .enumValues(Set(each { $0.enumValue(Flow_TrafficDirection.self, $1, spec, prefix: "TRAFFIC_DIRECTION_") }))
        case .ipVersion:
            test = .enumValues(Set(each { $0.ipVersion($1) }))
        case .proto:
            test = .protocols(Set(each { checker, word -> String? in
                let name = word.text.lowercased()
                if FlowFilterCompiler.protocolCases.contains(name) { return name }
                let valid = FlowFilterCompiler.protocolCases.sorted()
                checker.diagnostics.append(Diagnostic(
                    "unknown protocol '\(word.text)'", at: word.range,
                    note: Suggestions.closest(to: name, in: valid).map { "did you mean '\($0)'? " } .map { $0 + "valid values: " + valid.joined(separator: ", ") }
                        ?? "valid values: " + valid.joined(separator: ", ")))
                return nil
            }))
        case .eventType:
            test = .eventTypes(each { checker, word -> Flow_EventTypeFilter? in
                do throws(HubbleFilterBuilder.FlagValueError) {
                    return try EventTypeNames.filter(word.text.lowercased())
                } catch {
                    let names = EventTypeNames.types.map(\.name)
                    let typeName = String(word.text.split(separator: ":").first ?? "")
                    let hint = Suggestions.closest(to: typeName, in: names).map { "did you mean '\($0)'? " } ?? ""
                    checker.diagnostics.append(Diagnostic(
                        "unknown event type '\(word.text)'", at: word.range,
                        note: hint + "valid types: " + names.joined(separator: ", ") + "; sub-types follow a ':' (trace:to-endpoint)"))
                    return nil
                }
            })
        case .bool:
            test = .bool(each { checker, word -> Bool? in
                switch word.text.lowercased() {
                case "true": return true
                case "false": return false
                default:
                    checker.diagnostics.append(Diagnostic(
                        "\(spec.name) is true or false, not '\(word.text)'", at: word.range,
                        note: "write \(spec.name) alone, or not \(spec.name)"))
                    return nil
                }
            }.first ?? true)
        case .tcpFlags:
            test = .flagMasks(each { checker, word -> UInt16? in
                var mask: UInt16 = 0
                for name in word.text.split(whereSeparator: { $0 == "," || $0 == "|" }) {
                    guard let bit = TCPFlagMask.bit(named: String(name)) else {
                        checker.diagnostics.append(Diagnostic(
                            "unknown TCP flag '\(name)'", at: word.range,
                            note: "valid flags: " + TCPFlagMask.names.joined(separator: ", ") + "; several in quotes: \"syn,ack\""))
                        return nil
                    }
                    mask |= bit
                }
                guard mask != 0 else {
                    checker.diagnostics.append(Diagnostic("no TCP flag named", at: word.range, note: "write tcp.flags == syn"))
                    return nil
                }
                return mask
            })
        case .time:
            guard items.count == 1, let t = time(items[0].low) else {
                if items.count > 1 {
                    diagnostics.append(Diagnostic(
                        "a set of times has no meaning", at: items[1].range,
                        note: "compare time with <, <=, >, >= or ==: time > -5m and time < -1m"))
                }
                return nil
            }
            test = .time(.equal, t)
        }
        return failed ? nil : test
    }

    private func maximum(_ type: FieldType) -> UInt64 {
        if case .number(let max) = type { return max }
        return UInt64(UInt32.max)
    }

    mutating func number(_ spec: FieldSpec, _ word: Word) -> UInt64? {
        if spec.type == .identity, let reserved = ReservedIdentity.number(named: word.text.lowercased()) {
            return UInt64(reserved)
        }
        let max = maximum(spec.type)
        let parsed = GoNumber.parseUnsigned(word.text, bits: 64)
        if case .success(let value) = parsed, value <= max { return value }
        if case .failure(let error) = parsed, !error.outOfRange {
            let hint = spec.type == .identity
                ? "a number or a reserved identity: host, world, unmanaged, health, init, remote-node, kube-apiserver, ingress, world-ipv4, world-ipv6"
                : "a decimal number"
            diagnostics.append(Diagnostic(
                "\(spec.name) is a \(spec.type.displayName), not '\(word.text)'", at: word.range, note: "write \(hint)"))
        } else {
            diagnostics.append(Diagnostic(
                "\(word.text) is out of range for \(spec.name) (0–\(max))", at: word.range,
                note: "use a number from 0 to \(max)"))
        }
        return nil
    }

    mutating func name(_ word: Word, qualified: Bool) -> NameMatch? {
        let allowed = word.text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.*/".unicodeScalars.contains($0)
        }
        if !word.quoted && !allowed {
            diagnostics.append(Diagnostic("'\(word.text)' is not a name", at: word.range, note: "put it in double quotes"))
            return nil
        }
        if qualified, let slash = word.text.firstIndex(of: "/") {
            return NameMatch(
                qualifier: GlobPattern(String(word.text[..<slash])),
                name: GlobPattern(String(word.text[word.text.index(after: slash)...])), text: word.text)
        }
        return NameMatch(qualifier: nil, name: GlobPattern(word.text), text: word.text)
    }

    mutating func enumValue<E: HubbleJSONEnum>(_ type: E.Type, _ word: Word, _ spec: FieldSpec, prefix: String) -> Int? {
        let named = FlowEnums.allNamed(type)
        let upper = word.text.uppercased()
        if let match = named.first(where: { $0.name == upper || $0.name == prefix + upper }) { return match.value.rawValue }
        if let number = Int(word.text), E(rawValue: number) != nil { return number }
        // Enums with a prefix (TRAFFIC_DIRECTION_…) are written in lower case without it.
        let shown = named.map { prefix.isEmpty ? $0.name : String($0.name.hasPrefix(prefix) ? $0.name.dropFirst(prefix.count) : Substring($0.name)).lowercased() }
        let suggestion = Suggestions.closest(to: word.text, in: shown)
        let list = shown.count > 12 ? shown.prefix(12).joined(separator: ", ") + ", … (see 'loupe filter fields')" : shown.joined(separator: ", ")
        diagnostics.append(Diagnostic(
            "unknown \(spec.type.displayName) '\(word.text)'", at: word.range,
            note: (suggestion.map { "did you mean '\($0)'? " } ?? "") + "valid values: " + list))
        return nil
    }

    mutating func ipVersion(_ word: Word) -> Int? {
        switch word.text.lowercased() {
        case "4", "v4", "ipv4", "ip4": return Flow_IPVersion.ipv4.rawValue
        case "6", "v6", "ipv6", "ip6": return Flow_IPVersion.ipv6.rawValue
        case "none", "ip_not_used": return Flow_IPVersion.ipNotUsed.rawValue
        default:
            diagnostics.append(Diagnostic("unknown IP version '\(word.text)'", at: word.range, note: "valid values: 4, 6, none"))
            return nil
        }
    }

    /// An RFC 3339 time, or a negative duration before `now` (`-5m`).
    mutating func time(_ word: Word) -> Google_Protobuf_Timestamp? {
        if let t = RFC3339.parse(word.text) { return t }
        if let nanos = GoDuration.parse(word.text) {
            guard nanos <= 0 else {
                diagnostics.append(Diagnostic(
                    "a relative time is a negative duration", at: word.range, note: "write -\(word.text) for \(word.text) ago"))
                return nil
            }
            let total = Int64(now.seconds) * 1_000_000_000 + Int64(now.nanos) + nanos
            var t = Google_Protobuf_Timestamp()
            t.seconds = total >= 0 ? total / 1_000_000_000 : (total - 999_999_999) / 1_000_000_000
            t.nanos = Int32(total - t.seconds * 1_000_000_000)
            return t
        }
        diagnostics.append(Diagnostic(
            "invalid time '\(word.text)'", at: word.range,
            note: "write an RFC 3339 time (2025-04-27T11:27:13Z) or a negative duration (-5m, -1h30m)"))
        return nil
    }
}
