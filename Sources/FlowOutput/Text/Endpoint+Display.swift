import FlowModel
import HubbleAPI

/// One side of a flow as the text formats show it: a host (pod, service, DNS names or IP) and a port.
struct DisplayedPeer {
    /// The host, or its first part when `hostSuffix` is set (`namespace` + `/` + `hostSuffix`, joined
    /// only when written, to spare an allocation per flow).
    var host: String
    var hostSuffix: String?
    /// 0 when the flow has no port for this side.
    var port: UInt32
    /// Whether the flow carries an `IP` or `ethernet` message (colour spans are drawn only then).
    var hasAddress: Bool

    /// The source (`source == true`) or destination side of `flow`, following the reference rules.
    /// The values are read in place (`Flow_Flow+InPlace`): no endpoint or IP message is copied out.
    init(_ flow: Flow, source: Bool, ipTranslation: Bool) {
        hostSuffix = nil
        guard let ip = source ? flow.ipSourceIfSet : flow.ipDestinationIfSet else {
            hasAddress = flow.hasEthernet
            host = flow.hasEthernet ? (source ? flow.ethernet.source : flow.ethernet.destination) : ""
            port = 0
            return
        }
        hasAddress = true
        port = (source ? flow.sourcePortIfSet : flow.destinationPortIfSet) ?? 0
        guard ipTranslation else {
            host = ip
            return
        }
        var namespace = (source ? flow.sourceNamespaceIfSet : flow.destinationNamespaceIfSet) ?? ""
        var service = ""
        if let s = source ? flow.sourceServiceIfSet : flow.destinationServiceIfSet {
            namespace = s.namespace
            service = s.name
        }
        let podName = (source ? flow.sourcePodNameIfSet : flow.destinationPodNameIfSet) ?? ""
        if !podName.isEmpty {
            if GoPath.isPlainSegment(namespace) && GoPath.isPlainSegment(podName) {
                host = namespace
                hostSuffix = podName
            } else {
                host = GoPath.join(namespace, podName)
            }
        } else if !service.isEmpty {
            host = GoPath.join(namespace, service)
        } else {
            let names = source ? flow.sourceNames : flow.destinationNames
            host = names.isEmpty ? ip : names.joined(separator: ",")
        }
    }

    /// Appends `host[:port]` (IPv6-style hosts bracketed when a port follows), coloured when asked.
    func append(to out: inout [UInt8], color: Bool) {
        let colored = color && hasAddress
        if colored { out.append(contentsOf: SGR.cyan) }
        if port != 0 {
            let bracket = host.utf8.contains(UInt8(ascii: ":")) || (hostSuffix?.utf8.contains(UInt8(ascii: ":")) ?? false)
            if bracket { out.append(UInt8(ascii: "[")) }
            appendHost(to: &out)
            if bracket { out.append(UInt8(ascii: "]")) }
            out.append(UInt8(ascii: ":"))
            if colored { out.append(contentsOf: SGR.yellow) }
            out.appendDecimal(port)
            if colored { out.append(contentsOf: SGR.reset) }
        } else {
            appendHost(to: &out)
        }
        if colored { out.append(contentsOf: SGR.reset) }
    }

    @inline(__always)
    private func appendHost(to out: inout [UInt8]) {
        out.append(contentsOf: host.utf8)
        if let hostSuffix {
            out.append(UInt8(ascii: "/"))
            out.append(contentsOf: hostSuffix.utf8)
        }
    }
}

/// Go's `path.Join`: non-empty elements joined with `/`, then lexically cleaned.
enum GoPath {
    static func join(_ a: String, _ b: String) -> String {
        if a.isEmpty { return b.isEmpty ? "" : cleanIfNeeded(b) }
        if b.isEmpty { return cleanIfNeeded(a) }
        if isPlainSegment(a) && isPlainSegment(b) {
            var joined = a
            joined.reserveCapacity(a.utf8.count + b.utf8.count + 1)
            joined += "/"
            joined += b
            return joined
        }
        return clean(a + "/" + b)
    }

    private static func cleanIfNeeded(_ s: String) -> String { needsCleaning(s) ? clean(s) : s }

    /// A name without `/` that is not `.` or `..`: joining it needs no cleaning.
    @inline(__always)
    static func isPlainSegment(_ s: String) -> Bool {
        var dotsOnly = true
        var count = 0
        for c in s.utf8 {
            if c == UInt8(ascii: "/") { return false }
            if c != UInt8(ascii: ".") { dotsOnly = false }
            count += 1
        }
        return !(dotsOnly && count <= 2)
    }

    private static func needsCleaning(_ s: String) -> Bool {
        var previous: UInt8 = UInt8(ascii: "/")
        var segmentIsDots = true
        var segmentLength = 0
        for c in s.utf8 {
            if c == UInt8(ascii: "/") {
                if previous == UInt8(ascii: "/") { return true }
                if segmentIsDots && segmentLength <= 2 { return true }
                segmentIsDots = true
                segmentLength = 0
            } else {
                if c != UInt8(ascii: ".") { segmentIsDots = false }
                segmentLength += 1
            }
            previous = c
        }
        return previous == UInt8(ascii: "/") || (segmentIsDots && segmentLength <= 2)
    }

    /// Go's `path.Clean`.
    static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(segment)
                }
                continue
            }
            parts.append(segment)
        }
        let body = parts.joined(separator: "/")
        if rooted { return "/" + body }
        return body.isEmpty ? "." : body
    }
}
