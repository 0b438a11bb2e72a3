import EdgeBenchCore

/// The metrics the summary tables show, in column order (Markdown and terminal print the same ones).
enum ReportColumns {
    static let metrics: [MetricID] = [
        .ttft, .decodeRate, .e2eThroughput, .prefillRate, .serverPrefillRate, .serverDecodeRate, .e2eLatency,
    ]

    /// Shown after the latency columns when any configuration measured power.
    static let energyMetrics: [MetricID] = [.energyPerToken, .meanPower, .idlePower]

    /// The columns for this bundle: energy ones only where some configuration has a power source.
    static func metrics(for bundle: ResultBundle) -> [MetricID] {
        (bundle.configurations.contains { $0.power != nil } ? metrics + energyMetrics : metrics)
            + (bundle.configurations.contains { $0.load != nil } ? loadMetrics : [])
    }

    /// A run at load levels: each level's own figures (METRICS.md "Load profiles").
    static let loadMetrics: [MetricID] = [
        .requestRate, .systemOutputRate, .concurrencyAchieved, .goodput, .requestErrors, .requestTimeouts,
    ]

    /// "ttft (s)": the METRICS.md id with its unit, so nobody guesses which number is meant.
    static func header(_ metric: MetricID) -> String { "\(metric.rawValue) (\(metric.unit.rawValue))" }

    /// Printed wherever a value is undefined or was not measured (never 0).
    static let missing = "–"

    static func cell(_ configuration: ConfigurationResult, _ metric: MetricID) -> String {
        guard let summary = configuration.summary[metric] else { return missing }
        // a count of requests is a whole number, never "2.000"
        if metric.unit == .requests { return String(Int(summary.mean.rounded())) }
        return NumberText.meanAndSpread(summary.mean, summary.stddev)
    }

    /// Measured requests (`requests`: how many it has, counted by the caller: a bundle read for a report
    /// holds none); for an import that kept only summaries (llama-bench markdown), their n.
    static func sampleCount(_ configuration: ConfigurationResult, requests: Int) -> String {
        if requests > 0 { return String(requests) }
        return String(configuration.summary.values.map(\.n).max() ?? 0)
    }

    /// How many measured requests each configuration has: `given` (parallel to the configurations, from
    /// a tally), else the bundle's own arrays.
    static func requestCounts(_ bundle: ResultBundle, given: [Int]?) -> [Int] {
        given ?? bundle.configurations.map(\.requests.count)
    }

    static func flags(_ flags: [Flag]) -> String {
        flags.isEmpty ? missing : flags.map(\.rawValue).joined(separator: ", ")
    }
}

extension Environment {
    /// "Raspberry Pi 5 Model B Rev 1.0 · Cortex-A76 × 4": what was measured, board first.
    var machineText: String {
        var parts: [String] = []
        if let board, !board.isEmpty { parts.append(board) }
        let cpu = cpuModel.flatMap { $0.isEmpty ? nil : $0 } ?? "unknown CPU"
        parts.append(cpuCores > 0 ? "\(cpu) × \(cpuCores)" : cpu)
        return parts.joined(separator: " · ")
    }

    /// The paper's `device` column: the board, else the CPU model, else the host name.
    var deviceName: String {
        if let board, !board.isEmpty { return board }
        if let cpuModel, !cpuModel.isEmpty { return cpuModel }
        return hostname
    }
}

extension EngineDescription {
    /// "llama.cpp b11434"
    var versionText: String { version.map { "\(name) \($0)" } ?? "\(name) (version unknown)" }
}

extension ModelInfo {
    /// "SmolLM2-135M-Instruct-Q4_1.gguf (sha256 1a2b3c4d5e6f…, Q4_1)"
    var provenanceText: String {
        let fileName = file.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? name
        var details: [String] = []
        if let sha256, !sha256.isEmpty { details.append("sha256 \(sha256.prefix(12))…") }
        if let quantisation, !quantisation.isEmpty { details.append(quantisation) }
        return details.isEmpty ? fileName : "\(fileName) (\(details.joined(separator: ", ")))"
    }
}

extension ConfigurationResult {
    /// Mean of a metric over the measured requests: the summary's when there is one, else the one
    /// tallied from the requests (an interrupted configuration has requests but no summary yet).
    func mean(_ metric: MetricID, _ tally: RequestTally) -> Double? {
        if let summary = summary[metric] { return summary.mean }
        return tally.mean(metric)
    }

    /// The metrics present in the summary, in METRICS.md order.
    var summaryMetricIDs: [MetricID] { summary.keys.sorted() }
}

extension PowerProvenance {
    /// "power: ina3221/VDD_IN (module_input), 412 samples at 10.0 Hz, idle baseline 10 s": beside every energy figure.
    var provenanceText: String {
        var text = "power: \(source)/\(channel) (\(boundary.rawValue)\(isEstimate ? ", estimate" : "")\(isManual ? ", manual" : "")), "
        // A manual meter is one figure read off a display: its "samples" are the sampler repeating it (or, for
        // an import, the one figure), and a rate of them says nothing ("1 samples at 0.0 Hz").
        text += isManual ? "one constant reading, no samples" : "\(samples) samples at \(NumberText.fixed(effectiveRate, decimals: 1)) Hz"
        if let idleSeconds { text += ", idle baseline \(NumberText.fixed(idleSeconds, decimals: 1)) s" }
        return text
    }
}
