import FlowModel
import GRPCCore
import NIOCore

/// The records of a GetFlows stream as they arrive, in batches: all the messages of one read from
/// the network at once (`FlowStream`), decoded here, on the reader's task; or one at a time from a
/// gRPC response (the in-process agent).
public struct FlowBatches: AsyncSequence, Sendable {
    public typealias Element = [FlowEnvelope]
    /// Runs of whole messages, as `GRPCMessageCutter` cut them.
    typealias Producer = NIOThrowingAsyncSequenceProducer<
        [ByteBuffer], any Error, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, FlowStreamDelegate
    >

    enum Base: Sendable {
        case producer(Producer)
        case messages(RPCAsyncSequence<FlowEnvelope, any Error>)
    }

    let base: Base

    init(_ producer: Producer) { base = .producer(producer) }

    /// A response's messages, one per batch.
    public init(_ messages: RPCAsyncSequence<FlowEnvelope, any Error>) { base = .messages(messages) }

    public struct AsyncIterator: AsyncIteratorProtocol {
        enum Base {
            case producer(Producer.AsyncIterator)
            case messages(RPCAsyncSequence<FlowEnvelope, any Error>.AsyncIterator)
        }

        var base: Base
        /// A message that did not decode, thrown once the records before it are handed out.
        var failure: FlowStream.Failure?

        public mutating func next() async throws -> [FlowEnvelope]? {
            switch base {
            case .producer(let iterator):
                if let failure { throw failure }
                while let runs = try await iterator.next() {
                    var records: [FlowEnvelope] = []
                    do {
                        for run in runs { try GRPCMessageCutter.decode(run, into: &records) }
                    } catch {
                        failure = error
                        if records.isEmpty { throw error }
                    }
                    if !records.isEmpty { return records }
                }
                return nil
            case .messages(var iterator):
                defer { base = .messages(iterator) }
                return try await iterator.next().map { [$0] }
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        switch base {
        case .producer(let producer): AsyncIterator(base: .producer(producer.makeAsyncIterator()))
        case .messages(let messages): AsyncIterator(base: .messages(messages.makeAsyncIterator()))
        }
    }
}
