extension FanIn.Source {
    /// Opens a connection, runs `body` with it and returns its answer.
    public func call<Answer: Sendable>(_ body: @escaping @Sendable (any ObserverCalls) async throws -> Answer) async throws -> Answer {
        let (answers, continuation) = AsyncStream.makeStream(of: Answer.self, bufferingPolicy: .bufferingNewest(1))
        try await connect { calls in continuation.yield(try await body(calls)) }
        continuation.finish()
        for await answer in answers { return answer }
        throw CancellationError()
    }
}
