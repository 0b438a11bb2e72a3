import EdgeBenchCore

/// Sends one level's measured requests (METRICS.md "Load profiles"): N streams that each send the next
/// request when their last is done, or requests sent on a schedule whether or not earlier ones are done.
/// Every request is its own `generate` (its own connection) and its own timeline; outcomes are delivered
/// in the order they finish, failures included, so the session stores each one as it ends.
enum LoadDriver {
    /// What one request of a level came to.
    struct Outcome: Sendable {
        var index: Int
        /// when it was due: the schedule's instant at a rate, the moment its stream was free otherwise
        var scheduled: Instant
        var result: Result<RequestRecord, any Error>
    }

    /// How the level sends: a resolved level (a sweep's rate already turned into a rate).
    enum Pattern: Sendable, Equatable {
        case streams(Int)
        case schedule(rate: Double, LoadLevel.Arrivals, seed: UInt64)
    }

    /// Runs the level's requests numbered `indices` and yields each outcome as it finishes. The stream ends when
    /// all are done; cancelling the consumer cancels the requests in flight.
    static func run(
        _ pattern: Pattern, indices: [Int], engine: any InferenceEngine, request: GenerationRequest
    ) -> AsyncThrowingStream<Outcome, any Error> {
        let (outcomes, continuation) = AsyncThrowingStream<Outcome, any Error>.makeStream()
        let task = Task {
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    switch pattern {
                    case .streams(let count):
                        let next = IndexQueue(indices)
                        for _ in 0..<max(1, min(count, indices.count)) {
                            group.addTask {
                                while let index = await next.take() {
                                    try Task.checkCancellation()
                                    let scheduled = Instant.now()
                                    let result = await measure(engine, request)
                                    continuation.yield(Outcome(index: index, scheduled: scheduled, result: result))
                                }
                            }
                        }
                    case .schedule(let rate, let arrivals, let seed):
                        let start = Instant.now()
                        var due = ArrivalSchedule(rate: rate, arrivals: arrivals, seed: seed)
                        for index in indices {
                            let offset = due.next() ?? 0
                            let scheduled = start.adding(seconds: offset)
                            let wait = scheduled.seconds(since: Instant.now())
                            // no timer coalescing: the default leeway alone made sends late by milliseconds
                            if wait > 0 { try await Task.sleep(for: .nanoseconds(Int64((wait * 1e9).rounded())), tolerance: .zero) }
                            try Task.checkCancellation()
                            group.addTask {
                                let result = await measure(engine, request)
                                continuation.yield(Outcome(index: index, scheduled: scheduled, result: result))
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return outcomes
    }

    private static func measure(_ engine: any InferenceEngine, _ request: GenerationRequest) async -> Result<RequestRecord, any Error> {
        do {
            return .success(try await RequestMeasurement.run(engine, request))
        } catch {
            return .failure(error)
        }
    }
}

/// Hands out the level's request indices to its streams, each exactly once.
private actor IndexQueue {
    private var remaining: ArraySlice<Int>

    init(_ indices: [Int]) { remaining = indices[...] }

    func take() -> Int? { remaining.popFirst() }
}
