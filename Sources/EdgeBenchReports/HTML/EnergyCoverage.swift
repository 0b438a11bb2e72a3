import EdgeBenchCore

/// Why a configuration's energy_per_token has a smaller n than its other metrics: some measured requests
/// got no energy figure, and each says why from what the data holds (a flag, or the samples it lacked).
struct EnergyCoverage: Sendable, Equatable {
    /// requests with an energy_per_token figure, and measured requests in all
    var withEnergy: Int
    var measured: Int
    /// one sentence per reason, with how many requests it covers
    var reasons: [String]

    /// nil when every measured request has energy, or when no request has any (nothing to explain per request).
    init?(_ result: ConfigurationResult?, summary: [MetricID: Summary]) {
        guard let energy = summary[.energyPerToken]?.n, energy > 0 else { return nil }
        let requests = result?.requests ?? []
        let measured = requests.isEmpty ? (summary[.e2eThroughput]?.n ?? summary[.ttft]?.n ?? energy) : requests.count
        guard energy < measured else { return nil }
        withEnergy = energy
        self.measured = measured
        let missing = requests.filter { $0.metrics[.energyPerToken] == nil }
        guard !missing.isEmpty else {
            reasons = ["\(measured - energy) request(s) without an energy figure (the bundle was read without its requests)"]
            return
        }
        var reasons: [String] = []
        func add(_ list: [RequestResult], _ why: String) {
            guard !list.isEmpty else { return }
            let indices = list.map { "#\($0.index)" }.joined(separator: ", ")
            reasons.append("\(list.count) request(s) (\(indices)) \(why)")
        }
        let gap = missing.filter { $0.flags.contains(.implausibleSamples) }
        let noTokens = missing.filter { !$0.flags.contains(.implausibleSamples) && $0.metrics[.energy] != nil }
        let uncovered = missing.filter { !$0.flags.contains(.implausibleSamples) && $0.metrics[.energy] == nil }
        add(gap, "crossed a gap left by dropped impossible power samples (flag implausible_samples): energy is not "
            + "integrated across it")
        add(noTokens, "have energy but no output tokens to divide it by")
        add(uncovered, "had no power samples around their window (the power series did not cover it; nothing is "
            + "extrapolated)")
        self.reasons = reasons
    }

    /// "n=2 of 3": printed in place of n=2.
    var count: String { "n=\(withEnergy) of \(measured)" }
}
