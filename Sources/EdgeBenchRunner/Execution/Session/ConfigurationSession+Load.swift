import EdgeBenchCore
import EdgeBenchEngines

/// A load level's failed requests: under load one failure is a figure of the level (how many timed out
/// at 4 streams), not the end of the configuration.
struct LevelFailures {
    var errors = 0
    var timeouts = 0
    /// the first one's text, for a level where every request failed
    var first: String?

    mutating func count(_ error: any Error) {
        if case EngineError.timeout = error { timeouts += 1 } else { errors += 1 }
        if first == nil { first = "\(error)" }
    }
}

extension ConfigurationSession {
    /// How the configuration's level sends: nil for synchronous (the loop in `measure`). A sweep's rate is
    /// placed here from the request throughput its synchronous and saturated levels measured in this run.
    func loadPattern() throws -> LoadDriver.Pattern? {
        let c = context
        let seed = UInt64(truncatingIfNeeded: c.configuration.workload.request.seed ?? 42)
        switch c.configuration.loadLevel {
        case .synchronous: return nil
        case .concurrent(let n): return .streams(n)
        case .rate(let rate, let arrivals):
            scheduledRate = rate
            return .schedule(rate: rate, arrivals, seed: seed)
        case .sweepRate(let index, let count, let saturation, let arrivals):
            let base = c.configuration.baseID
            let anchors = ["\(base)@\(LoadLevel.synchronous.idSuffix)", "\(base)@\(LoadLevel.concurrent(saturation).idSuffix)"]
            let rates = try anchors.map { id in
                guard let rate = try c.store.summary(runID: c.runID, configurationID: id)?[.requestRate]?.mean, rate > 0 else {
                    throw RunnerError.configuration(
                        "sweep rate \(index) of \(count) is placed between the request throughput of \(anchors[0]) and "
                            + "\(anchors[1]), and \(id) has none in this run (it failed or did not run): fix it, then "
                            + "`edgebench run --resume \(c.directory.path)`")
                }
                return rate
            }
            let rate = LevelFigures.sweepRate(index: index, of: count, synchronous: rates[0], saturated: rates[1])
            scheduledRate = rate
            c.reporter.report(.phase(String(
                format: "sweep rate %d of %d: %.3g req/s (between %.3g and %.3g req/s)", index, count, rate, rates[0], rates[1])))
            return .schedule(rate: rate, arrivals, seed: seed)
        }
    }

    /// The measured requests of a level that keeps several in flight, each stored as it finishes. Energy
    /// is measured over the level, not per request (their windows overlap). A resumed level sends only
    /// the indices it has not stored.
    func measureUnderLoad(_ prepared: PreparedEngine, _ pattern: LoadDriver.Pattern) async throws {
        let c = context
        let repetitions = c.configuration.repetitions
        let stored = Set(measured.map(\.index))
        let indices = (0..<repetitions).filter { !stored.contains($0) }
        guard !indices.isEmpty else { return }
        energy.perRequest = false
        c.reporter.report(.phase("\(c.configuration.loadLevel): \(indices.count) request\(indices.count == 1 ? "" : "s")"))
        var finished = stored.count
        let outcomes = LoadDriver.run(pattern, indices: indices, engine: prepared.engine, request: c.configuration.workload.request)
        for try await outcome in outcomes {
            finished += 1
            let record: RequestRecord
            switch outcome.result {
            case .success(let done): record = done
            case .failure(let error):
                if error is CancellationError || Task.isCancelled { throw CancellationError() }
                levelFailures.count(error)
                c.reporter.report(.note("  request \(outcome.index + 1) failed: \(error)"))
                continue
            }
            var result = RequestMetrics.compute(record, index: outcome.index)
            result.metrics[.sendLag] = max(0, record.submittedAt.seconds(since: outcome.scheduled))
            try keep(record, result, shown: finished, total: repetitions)
        }
        if measured.isEmpty, let first = levelFailures.first {
            throw RunnerError.configuration(
                "every one of the \(indices.count) requests at \(c.configuration.loadLevel) failed "
                    + "(\(levelFailures.timeouts) timed out); the first: \(first)")
        }
    }
}
