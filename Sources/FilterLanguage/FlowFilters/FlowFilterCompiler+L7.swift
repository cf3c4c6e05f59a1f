import FlowModel
import HubbleAPI

/// The L7 fields: HTTP status, method, path, URL and headers, and the DNS query.
extension FlowFilterCompiler {
    static func dnsQuery(_ values: [String]) throws(FlowFilterError) -> FlowTest? {
        guard !values.isEmpty else { return nil }
        let regexes = try regexList(values) { _, error in "invalid DNS query filter: failed to compile regexp: \(error)" }
        return { flow in
            guard let query = flow.dnsQueryIfSet else { return false }
            return regexes.contains { $0.matches(query) }
        }
    }

    /// The five HTTP fields, in the server's order; each demands that an event-type filter, if any,
    /// admits `l7` events.
    static func http(_ filter: Flow_FlowFilter) throws(FlowFilterError) -> [FlowTest] {
        let l7Compatible = filter.eventType.isEmpty || filter.eventType.contains { $0.type == MonitorEvent.accessLog }
        func requireL7(_ what: String) throws(FlowFilterError) {
            guard l7Compatible else {
                throw FlowFilterError("filtering by \(what) requires the event type filter to only match 'l7' events")
            }
        }
        var tests: [FlowTest] = []
        if !filter.httpStatusCode.isEmpty {
            try requireL7("http status code")
            tests.append(try httpStatus(filter.httpStatusCode))
        }
        if !filter.httpMethod.isEmpty {
            try requireL7("http method")
            let methods = filter.httpMethod.map { $0.lowercased() }
            tests.append { flow in
                guard let method = flow.httpMethodIfSet?.lowercased(), !method.isEmpty else { return false }
                return methods.contains(method)
            }
        }
        if !filter.httpPath.isEmpty {
            try requireL7("http path")
            let regexes = try regexList(filter.httpPath) { "invalid http path filter: \($0): \($1)" }
            tests.append { flow in
                guard let path = flow.httpPathValue else { return false }
                return regexes.contains { $0.matches(path) }
            }
        }
        if !filter.httpURL.isEmpty {
            try requireL7("http url")
            let regexes = try regexList(filter.httpURL) { "invalid http url filter: \($0): \($1)" }
            tests.append { flow in
                guard let url = flow.httpURLIfSet, !url.isEmpty else { return false }
                return regexes.contains { $0.matches(url) }
            }
        }
        if !filter.httpHeader.isEmpty {
            try requireL7("http headers")
            let wanted = filter.httpHeader.map { [$0.key, $0.value] }
            tests.append { flow in
                guard let headers = flow.httpHeadersIfSet else { return false }
                return headers.contains { header in wanted.contains { $0[0] == header.key && $0[1] == header.value } }
            }
        }
        return tests
    }

    /// The patterns compiled; the first bad one fails with `message(pattern, error)`.
    static func regexList(
        _ values: [String], message: (String, FlowRegex.SyntaxError) -> String
    ) throws(FlowFilterError) -> [FlowRegex] {
        var regexes: [FlowRegex] = []
        for value in values {
            do {
                regexes.append(try FlowRegex(value))
            } catch {
                throw FlowFilterError(message(value, error))
            }
        }
        return regexes
    }

    /// `404` matches exactly; `5+` is a prefix of the three-digit code (`40+` = 400–409).
    static func httpStatus(_ values: [String]) throws(FlowFilterError) -> FlowTest {
        var exact = Set<UInt32>()
        var prefixes: [(digits: UInt32, value: UInt32)] = []
        for value in values {
            let bytes = Array(value.utf8)
            let isDigit = { (b: UInt8) in b >= 48 && b <= 57 }
            let firstOK = !bytes.isEmpty && bytes[0] >= 49 && bytes[0] <= 53
            if firstOK && bytes.count == 3 && bytes.allSatisfy(isDigit) {
                exact.insert(UInt32(value)!)
            } else if firstOK && bytes.last == UInt8(ascii: "+") && (bytes.count == 2 || (bytes.count == 3 && isDigit(bytes[1]))) {
                let digits = value.dropLast()
                prefixes.append((digits: UInt32(digits.count), value: UInt32(digits)!))
            } else {
                throw FlowFilterError("invalid http status code filter: invalid status code prefix: \(GoQuote.quote(value))")
            }
        }
        return { [exact, prefixes] flow in
            guard let code = flow.httpStatusValue else { return false }
            if exact.contains(code) { return true }
            return prefixes.contains { leadingDigits(of: code, count: $0.digits) == $0.value }
        }
    }

    /// The first `count` digits of the code as `%03d` prints it.
    static func leadingDigits(of code: UInt32, count: UInt32) -> UInt32 {
        var length: UInt32 = 3
        var scale: UInt32 = 1000
        while code >= scale && length < 10 {
            length += 1
            scale = scale &* 10
        }
        var value = code
        for _ in 0..<(length - count) { value /= 10 }
        return value
    }
}

extension Flow_FlowFilter {
    /// The server refuses HTTP fields beside an event-type filter that admits no `l7` events. Such a
    /// combination matches no HTTP record anyway; dropping the HTTP fields keeps a superset that the
    /// server accepts. Returns whether anything was dropped.
    mutating func dropHTTPFieldsUnlessEventTypeAdmitsL7() -> Bool {
        guard !eventType.isEmpty, !eventType.contains(where: { $0.type == MonitorEvent.accessLog }) else { return false }
        let hadHTTP = !httpStatusCode.isEmpty || !httpMethod.isEmpty || !httpPath.isEmpty || !httpURL.isEmpty || !httpHeader.isEmpty
        httpStatusCode = []
        httpMethod = []
        httpPath = []
        httpURL = []
        httpHeader = []
        return hadHTTP
    }
}

