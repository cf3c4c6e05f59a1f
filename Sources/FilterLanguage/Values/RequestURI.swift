import FlowModel
import HubbleAPI

/// The path of a URL read as Go's `url.ParseRequestURI` reads a request target: an absolute path, or
/// an absolute URI with an authority; the query is cut off and percent escapes are decoded.
enum RequestURI {
    static func path(of url: String) -> String? {
        var rest = Substring(url)
        if let question = rest.firstIndex(of: "?") { rest = rest[..<question] }
        if !rest.hasPrefix("/") {
            // scheme ":" …; a scheme starts with a letter and holds letters, digits, + - .
            guard let colon = rest.firstIndex(of: ":"), colon != rest.startIndex else { return nil }
            let scheme = rest[..<colon]
            guard let first = scheme.first, first.isASCII, first.isLetter,
                scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") })
            else { return nil }
            rest = rest[rest.index(after: colon)...]
            guard rest.hasPrefix("//") else { return rest.hasPrefix("/") ? unescape(rest) : "" }
            rest = rest.dropFirst(2)
            guard let slash = rest.firstIndex(of: "/") else { return "" }
            rest = rest[slash...]
        }
        return unescape(rest)
    }

    /// Percent-decoding; a malformed escape makes the whole URI invalid.
    private static func unescape(_ text: Substring) -> String? {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.popFirst().flatMap(IPAddress.hexValue),
                let low = iterator.popFirst().flatMap(IPAddress.hexValue)
            else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
