import FlowModel
import GRPCCore
import NIOCore

/// The records of a GetFlows stream as they arrive, in batches: all the messages of one read from
/// the network at once (`FlowStream`), or one at a time from a gRPC response (the in-process agent).
public struct FlowBatches: AsyncSequence, Sendable {
    public typealias Element = [FlowEnvelope]
    typealias Producer = NIOThrowingAsyncSequenceProducer<
        [FlowEnvelope], any Error, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, FlowStreamDelegate
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

        public mutating func next() async throws -> [FlowEnvelope]? {
            switch base {
            case .producer(let iterator):
                return try await iterator.next()
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
