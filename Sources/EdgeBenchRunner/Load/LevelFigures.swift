import EdgeBenchCore

/// A load level's own figures from its measured requests (METRICS.md "Load profiles"), beside the
/// request_rate and system_output_rate every configuration has: how many were in flight, how many met
/// the workload's SLOs per second, how many failed, and whether the harness kept its schedule.
enum LevelFigures {
    /// - Parameters:
    ///   - requests: the level's measured requests
    ///   - seconds: `T_level`, first t_submit to last t_done
    ///   - rate: the scheduled rate (req/s) at a rate level; nil for streams
    ///   - failures: requests that ended in an error (timeouts counted apart)
    static func compute(
        requests: [RequestResult], seconds: Double, rate: Double?, slo: ServiceLevels?, errors: Int, timeouts: Int
    ) -> (extra: [MetricID: Double], flags: [Flag]) {
        var extra: [MetricID: Double] = [.requestErrors: Double(errors), .requestTimeouts: Double(timeouts)]
        var flags: [Flag] = []
        guard seconds > 0 else { return (extra, flags) }
        let busy = requests.compactMap { $0.metrics[.e2eLatency] }.reduce(0, +)
        extra[.concurrencyAchieved] = busy / seconds
        if let slo, !slo.isEmpty {
            extra[.goodput] = Double(requests.count { slo.met(by: $0) }) / seconds
        }
        if let rate, lagged(requests.compactMap { $0.metrics[.sendLag] }, rate: rate) {
            flags.append(.harnessLagged)
        }
        return (extra, flags)
    }

    /// METRICS.md: `harness_lagged` when send_lag's p99 exceeds 10 % of the mean inter-arrival time.
    static func lagged(_ lags: [Double], rate: Double) -> Bool {
        guard !lags.isEmpty, rate > 0 else { return false }
        return Statistics.percentile(sorted: lags.sorted(), 0.99) > 0.1 / rate
    }

    /// A sweep's rate k of K: evenly spaced strictly between the synchronous and the saturated request
    /// throughput (GuideLLM's sweep), so k = 1…K never repeats either end.
    static func sweepRate(index: Int, of count: Int, synchronous: Double, saturated: Double) -> Double {
        synchronous + Double(index) / Double(count + 1) * (saturated - synchronous)
    }
}
