import EdgeBenchCore
import EdgeBenchEngines

/// What EdgeBench stores for a group of llama-bench tests, in METRICS.md terms:
/// pp → `server_prefill_rate` (with `n_in`), tg → `server_decode_rate` (with `n_out`), and a combined
/// `-pg` test → `e2e_throughput` = N_out / (time of prompt + generation), with `e2e_latency`.
struct LlamaBenchResults {
    var engine: EngineDescription
    /// one per repetition and test, when the output listed each repetition (JSON); else none
    var requests: [RequestResult]
    var summary: [MetricID: Summary]
    var flags: [Flag]
    /// measured repetitions of each test (the summaries' n)
    var repetitions: Int

    init(_ group: LlamaBenchGroup, model: ModelInfo) {
        let test = group.representative
        engine = EngineDescription(
            adapter: "llama-bench", name: "llama.cpp", version: test.buildNumber.map { "b\($0)" },
            build: Self.build(test), offload: LlamaBenchNaming.offload(test), threads: test.threads, model: model)
        if group.tests.allSatisfy({ $0.sampleRates?.isEmpty == false }) {
            requests = Self.requests(group)
            var (summary, flags) = ConfigurationSummary.build(requests: requests)
            // Each test's repetitions are separate requests here (a pp and a tg run never share one), so
            // the request count overstates n: few_samples follows the smallest summary's n instead.
            let smallest = summary.values.map(\.n).min() ?? 0
            if smallest < ConfigurationSummary.minimumSamples, !flags.contains(.fewSamples) {
                flags = (flags + [.fewSamples]).sorted()
            }
            self.summary = summary
            self.flags = flags
            repetitions = smallest
        } else {
            requests = []
            (summary, repetitions) = Self.summaries(group)
            flags = repetitions < ConfigurationSummary.minimumSamples ? [.fewSamples] : []
        }
    }

    /// `b11434-unknown`, the form llama-server reports as its build (`system_fingerprint`).
    static func build(_ test: LlamaBenchTest) -> String? {
        switch (test.buildNumber, test.buildCommit) {
        case let (number?, commit?): "b\(number)-\(commit)"
        case let (number?, nil): "b\(number)"
        case let (nil, commit?): commit
        case (nil, nil): nil
        }
    }

    /// One measured request per repetition: its rate and the token count it was measured over.
    private static func requests(_ group: LlamaBenchGroup) -> [RequestResult] {
        var requests: [RequestResult] = []
        func add(_ metrics: [MetricID: Double]) {
            requests.append(RequestResult(index: requests.count, metrics: metrics, itl: [], flags: []))
        }
        if let test = group.prompt {
            for rate in test.sampleRates ?? [] { add([.serverPrefillRate: rate, .nIn: Double(test.promptTokens)]) }
        }
        if let test = group.generation {
            for rate in test.sampleRates ?? [] { add([.serverDecodeRate: rate, .nOut: Double(test.generatedTokens)]) }
        }
        if let test = group.combined {
            let counts: [MetricID: Double] = [.nIn: Double(test.promptTokens), .nOut: Double(test.generatedTokens)]
            if let seconds = test.sampleSeconds, seconds.allSatisfy({ $0 > 0 }) {
                for latency in seconds {
                    add(counts.merging([.e2eLatency: latency, .e2eThroughput: Double(test.generatedTokens) / latency]) { $1 })
                }
            } else {
                for rate in test.sampleRates ?? [] {
                    add(counts.merging([.e2eThroughput: rate * generatedShare(test)]) { $1 })
                }
            }
        }
        return requests
    }

    /// llama-bench's rate of a combined test counts prompt and generated tokens over the whole time;
    /// e2e_throughput counts generated tokens only, over the same time: the same rate scaled by
    /// n_gen / (n_prompt + n_gen), exactly, repetition by repetition (so mean and spread scale too).
    private static func generatedShare(_ test: LlamaBenchTest) -> Double {
        Double(test.generatedTokens) / Double(test.promptTokens + test.generatedTokens)
    }

    /// Markdown and CSV print only mean ± standard deviation. The summary is built from those: n is the
    /// repetition count where the output says it (`-r`, or llama-bench's default when the command line
    /// is shown), else 1 with the spread kept, since llama-bench did measure one. The order statistics
    /// (median, min, max, percentiles) were never printed; they are set to the mean, the only
    /// central value known.
    private static func summaries(_ group: LlamaBenchGroup) -> ([MetricID: Summary], Int) {
        let n = max(1, group.representative.repetitions ?? 1)
        var summary: [MetricID: Summary] = [:]
        if let test = group.prompt {
            summary[.serverPrefillRate] = meanAndSpread(test.averageRate, test.stddevRate, n: n)
            summary[.nIn] = constant(Double(test.promptTokens), n: n, unit: .tokens)
        }
        if let test = group.generation {
            summary[.serverDecodeRate] = meanAndSpread(test.averageRate, test.stddevRate, n: n)
            summary[.nOut] = constant(Double(test.generatedTokens), n: n, unit: .tokens)
        }
        if let test = group.combined {
            let share = generatedShare(test)
            summary[.e2eThroughput] = meanAndSpread(
                test.averageRate * share, test.stddevRate.map { $0 * share }, n: n)
            summary[.nIn] = constant(Double(test.promptTokens), n: n, unit: .tokens)
            summary[.nOut] = constant(Double(test.generatedTokens), n: n, unit: .tokens)
        }
        return (summary, n)
    }

    static func meanAndSpread(_ mean: Double, _ stddev: Double?, n: Int, unit: MetricUnit = .tokensPerSecond) -> Summary {
        var ci95: [Double]?
        if let stddev, n >= 2 {
            let half = StudentT.quantile(0.975, degreesOfFreedom: Double(n - 1)) * stddev / Double(n).squareRoot()
            ci95 = [mean - half, mean + half]
        }
        return Summary(
            unit: unit, n: n, mean: mean, median: mean, stddev: stddev, cv: stddev.flatMap { mean != 0 ? $0 / mean : nil },
            min: mean, max: mean, p50: mean, p90: mean, p99: mean, ci95: ci95)
    }

    private static func constant(_ value: Double, n: Int, unit: MetricUnit) -> Summary? {
        Statistics.summarize(Array(repeating: value, count: n), unit: unit)
    }
}
