import HubbleAPI
/// Reads hubble JSON lines (what `hubble observe -o jsonpb` prints) into envelopes.
///
/// Accepts `{"flow":…}`, `{"lost_events":…}`, `{"node_status":…}` envelopes and, unlike the reference,
/// bare Flow objects (what `-o json` printed in legacy mode), which it wraps as a server would.
public struct FlowLineDecoder {
    /// Shares repeated strings between the lines this decoder reads (labels, names, namespaces).
    private let stringCache: StringCache?
    /// Members left undecoded (for readers that need only some).
    private let skipping: JSONSkipSet?

    /// - Parameters:
    ///   - reusingStrings: keep recently seen strings to share them between lines; worth it for
    ///     streams of many flows, where the same labels recur.
    ///   - skipping: members to leave unset; they are still checked to be well-formed JSON.
    public init(reusingStrings: Bool = false, skipping: JSONSkipSet? = nil) {
        stringCache = reusingStrings ? StringCache() : nil
        self.skipping = skipping
    }

    /// The outcome of one line.
    public struct Line {
        public var envelope: FlowEnvelope
        /// Member names that no message knew, skipped (at most a few), and how many there were.
        public var unknownFields: [String]
        public var unknownFieldCount: Int
        /// Whether the line was a bare Flow object.
        public var wasBareFlow: Bool
    }

    /// Decodes one line (without its newline).
    public func decode(_ bytes: UnsafeRawBufferPointer) throws(HubbleJSONError) -> Line {
        var reader = JSONReader(bytes, stringCache: stringCache)
        reader.skipping = skipping
        reader.skipWhitespace()
        if reader.peek() == nil { throw HubbleJSONError(HubbleJSONError.emptyLine, at: 0) }
        let envelope = try reader.readMessage(FlowEnvelope.self)
        try reader.expectEnd()
        if envelope.responseTypes == nil && reader.unknownFieldCount > 0 {
            var flowReader = JSONReader(bytes, stringCache: stringCache)
            flowReader.skipping = skipping
            if let flow = try? flowReader.readMessage(Flow.self), flowReader.unknownFieldCount < reader.unknownFieldCount {
                return Line(
                    envelope: FlowEnvelope(flow: flow), unknownFields: flowReader.unknownFields,
                    unknownFieldCount: flowReader.unknownFieldCount, wasBareFlow: true)
            }
        }
        return Line(
            envelope: envelope, unknownFields: reader.unknownFields, unknownFieldCount: reader.unknownFieldCount,
            wasBareFlow: false)
    }
}

extension FlowEnvelope {
    /// The envelope as one line of `-o jsonpb`, without the newline.
    public func jsonLine() -> String { hubbleJSONString() }
}
