import FlowModel
import HubbleAPI

/// A batch of lines processed on a worker: its selected records prepared for the sink, and what
/// became of each line.
struct ProcessedBatch: Sendable {
    /// What became of one line.
    enum Outcome: Sendable {
        /// Selected: the next record of `records`.
        case selected
        /// Selected, but kept as raw bytes until the end (`--last`).
        case held([UInt8])
        /// Outside the time window, or rejected by the filters.
        case skipped
        /// Empty, or only white space.
        case blank(line: Int)
        case malformed(line: Int, reason: String)
    }

    var records: PreparedRecords
    var outcomes: [Outcome] = []
    /// The first line of the batch with members the model does not know, and its index in `outcomes`.
    var unknown: (fields: UnknownFields, index: Int)?
    /// Records without a flow (lost events, node status) that the filters dropped.
    var nonFlowsDropped = 0
}

/// Members of a line that the model does not know (they were dropped).
struct UnknownFields: Sendable {
    var line: Int
    var names: [String]
}

/// The work done on a batch away from the reading task: decode, time window, filters, preparation.
struct BatchStage: Sendable {
    let selection: FlowSelection
    let test: (@Sendable (FlowEnvelope) -> Bool)?
    let preparation: RecordPreparation

    func process(_ batch: LineBatch) -> ProcessedBatch {
        let decoder = FlowLineDecoder(reusingStrings: true, skipping: preparation.skipping)
        let firstSight = preparation.skippingAtFirstSight.map { FlowLineDecoder(reusingStrings: true, skipping: $0) }
        var seen: Set<UInt32> = []
        // Rendered output is a fraction of the input (compact) or about its size (JSON).
        var builder = PreparedRecords.Builder(preparation, reserving: batch.bytes.count + batch.bytes.count >> 3)
        var outcomes: [ProcessedBatch.Outcome] = []
        outcomes.reserveCapacity(batch.count)
        var unknown: (fields: UnknownFields, index: Int)?
        var nonFlowsDropped = 0
        let holding = if case .last = selection.count { true } else { false }
        let test = self.test
        let accept: (FlowEnvelope) -> Bool = { envelope in
            guard let test, !test(envelope) else { return true }
            if case .flow? = envelope.responseTypes {} else { nonFlowsDropped += 1 }
            return false
        }
        batch.select(selection, accept: accept, decoder: decoder) { number, bytes, line, unknownNames in
            if let unknownNames, unknown == nil {
                unknown = (UnknownFields(line: number, names: unknownNames), outcomes.count)
            }
            switch line {
            case .blank: outcomes.append(.blank(line: number))
            case .malformed(let reason): outcomes.append(.malformed(line: number, reason: reason))
            case .skipped: outcomes.append(.skipped)
            case .selected where holding: outcomes.append(.held(Array(bytes)))
            case .selected(var envelope):
                // The first flow of an identity in this batch again, with what its identity fixes.
                if let firstSight, case .flow(let flow)? = envelope.responseTypes {
                    let identities = (flow.source.identity, flow.destination.identity)
                    if !seen.contains(identities.0) || !seen.contains(identities.1) || identities.0 == 0 || identities.1 == 0,
                        let full = try? firstSight.decode(bytes).envelope
                    {
                        envelope = full
                        seen.insert(identities.0)
                        seen.insert(identities.1)
                    }
                }
                builder.append(envelope)
                outcomes.append(.selected)
            }
        }
        return ProcessedBatch(records: builder.records, outcomes: outcomes, unknown: unknown, nonFlowsDropped: nonFlowsDropped)
    }
}
