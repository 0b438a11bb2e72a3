import EdgeBenchCore

/// What a sampler run achieved: per source successful reads, gaps and effective rate.
public struct SamplerReport: Sendable, Equatable, Codable {
    public struct SourceReport: Sendable, Equatable, Codable {
        public var id: String
        /// read rounds that returned readings
        public var reads: Int
        /// read rounds that threw (gaps in this source's series)
        public var failures: Int
        /// readings delivered (a source returns one per channel)
        public var readings: Int
        /// text of the most recent failure, nil when none
        public var lastError: String?
        /// successful reads per second of the run: the rate the source really achieved
        public var effectiveRate: Double

        public init(id: String, reads: Int, failures: Int, readings: Int, lastError: String?, effectiveRate: Double) {
            self.id = id
            self.reads = reads
            self.failures = failures
            self.readings = readings
            self.lastError = lastError
            self.effectiveRate = effectiveRate
        }
    }

    /// the requested interval, seconds
    public var interval: Double
    public var startedAt: Instant?
    public var stoppedAt: Instant?
    /// read rounds done (all sources once per round)
    public var rounds: Int
    /// rounds skipped because a round took longer than the interval
    public var missedRounds: Int
    /// sink calls and the largest batch handed to the sink
    public var batches: Int
    public var largestBatch: Int
    public var sources: [SourceReport]

    public var duration: Double {
        guard let startedAt, let stoppedAt else { return 0 }
        return stoppedAt.seconds(since: startedAt)
    }

    public var hasGaps: Bool { sources.contains { $0.failures > 0 } }

    public init(
        interval: Double, startedAt: Instant?, stoppedAt: Instant?, rounds: Int, missedRounds: Int,
        batches: Int, largestBatch: Int, sources: [SourceReport]
    ) {
        self.interval = interval
        self.startedAt = startedAt
        self.stoppedAt = stoppedAt
        self.rounds = rounds
        self.missedRounds = missedRounds
        self.batches = batches
        self.largestBatch = largestBatch
        self.sources = sources
    }
}
