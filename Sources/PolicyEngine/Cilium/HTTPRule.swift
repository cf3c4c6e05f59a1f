import FilterLanguage

/// One `rules.http` entry: a request is allowed when every field given matches. `method`, `path`
/// and `host` are regular expressions matched against the whole value, as Envoy's `safe_regex`
/// (RE2) does in Cilium's proxy, in time linear in the request; `headers` are `Name` (present) or
/// `Name: value` (equal), `headerMatches` name a header and the value it must have.
public struct HTTPRule: Sendable, Hashable {
    public var method: String?
    public var path: String?
    public var host: String?
    public var headers: [Header]

    let methodRegex: FlowRegex?
    let pathRegex: FlowRegex?
    let hostRegex: FlowRegex?

    public struct Header: Sendable, Hashable {
        public var name: String
        /// `nil`: the header must be present, with any value.
        public var value: String?

        public init(name: String, value: String? = nil) {
            self.name = name
            self.value = value
        }
    }

    /// - Throws: the first field whose regular expression does not compile, and why.
    public init(method: String? = nil, path: String? = nil, host: String? = nil, headers: [Header] = []) throws(FieldError) {
        func compile(_ pattern: String?, _ field: String) throws(FieldError) -> FlowRegex? {
            guard let pattern else { return nil }
            do { return try FlowRegex("^(?:" + pattern + ")$") } catch { throw FieldError(field: field, message: error.description) }
        }
        self.method = method
        self.path = path
        self.host = host
        self.headers = headers
        methodRegex = try compile(method, "method")
        pathRegex = try compile(path, "path")
        hostRegex = try compile(host, "host")
    }

    public struct FieldError: Error, Sendable {
        public var field: String
        public var message: String
    }

    public func allows(_ request: HTTPRequest) -> Bool {
        if let methodRegex, !methodRegex.matches(request.method) { return false }
        if let pathRegex, !pathRegex.matches(request.path) { return false }
        if let hostRegex, !hostRegex.matches(request.host) { return false }
        for header in headers {
            let values = request.headers.filter { $0.name.lowercased() == header.name.lowercased() }.map(\.value)
            if values.isEmpty { return false }
            if let value = header.value, !values.contains(value) { return false }
        }
        return true
    }

    public static func == (a: HTTPRule, b: HTTPRule) -> Bool {
        a.method == b.method && a.path == b.path && a.host == b.host && a.headers == b.headers
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(path)
        hasher.combine(host)
        hasher.combine(headers)
    }
}

/// An HTTP request as the proxy judges it.
public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    public var path: String
    public var host: String
    public var headers: [HTTPRule.Header]

    public init(method: String, path: String, host: String = "", headers: [HTTPRule.Header] = []) {
        self.method = method
        self.path = path
        self.host = host
        self.headers = headers
    }
}
