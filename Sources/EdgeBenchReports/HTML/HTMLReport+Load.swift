import EdgeBenchAnalysis
import EdgeBenchCore

/// The load levels of a run (METRICS.md "Load profiles"): for each engine × model × workload measured at
/// several levels, throughput against latency, level by level, with goodput, failures and the energy
/// each token cost at that level. Absent from a report whose runs sent one request at a time.
extension HTMLReport {
    static func loadSection(_ entries: [ReportEntry]) -> String {
        let levelled = entries.filter { $0.result?.load != nil }
        guard !levelled.isEmpty else { return "" }
        var groups: [(base: String, entries: [ReportEntry])] = []
        for entry in levelled {
            let base = loadBase(entry)
            if let index = groups.firstIndex(where: { $0.base == base }) {
                groups[index].entries.append(entry)
            } else {
                groups.append((base, [entry]))
            }
        }
        var html = "<section id=\"load\"><h2>Load levels</h2>"
        html += paragraph(
            "Each level sends the same workload differently: synchronous (one request at a time), concurrent N "
                + "(N streams always in flight), or a scheduled rate. Throughput is over the level's wall time, "
                + "first request sent to last done; latencies are per request. Goodput counts only the requests "
                + "that met every SLO of the workload; energy per token is the level's energy over all its tokens.")
        html += figure(
            id: "chart-load", svg: loadChart(groups), caption:
                "Output throughput (tok/s, aggregate over streams) against median TTFT (s), one point per level; "
                + "each colour is one engine × model × workload.",
            definitions: [MetricID.systemOutputRate, .ttft].map { ($0.rawValue, $0.unit.rawValue, $0.definition) })
        for group in groups { html += loadTable(group.base, group.entries) }
        let defs = [MetricID.requestRate, .systemOutputRate, .concurrencyAchieved, .goodput, .sendLag, .requestErrors, .requestTimeouts]
        html += definitionList(defs.map { ($0.rawValue, $0.unit.rawValue, $0.definition) })
        return html + "</section>"
    }

    /// `engine/model/workload` of a levelled configuration: its id without `@level` (and any `@run` after it).
    static func loadBase(_ entry: ReportEntry) -> String {
        String(entry.id.split(separator: "@", maxSplits: 1).first ?? Substring(entry.id))
    }

    static func loadChart(_ groups: [(base: String, entries: [ReportEntry])]) -> String? {
        let points = groups.flatMap { group in
            group.entries.map { entry in
                BubblePoint(
                    id: entry.id, label: entry.result?.load?.idSuffix ?? entry.id, group: group.base,
                    x: entry.analysis.measured[.systemOutputRate], y: entry.analysis.summary[.ttft]?.median)
            }
        }
        return BubbleChart(
            title: "Throughput vs latency by load level", points: points,
            xAxis: ChartAxis(title: "Output throughput", unit: "tok/s"), yAxis: ChartAxis(title: "Median TTFT", unit: "s")
        ).svg()
    }

    static func loadTable(_ base: String, _ entries: [ReportEntry]) -> String {
        // METRICS.md ids with their units, as every other table prints them
        let header = [
            "level", "n", "request_rate (req/s)", "system_output_rate (tok/s)", "concurrency_achieved",
            "ttft p50 / p90 / p99 (ms)", "itl p99 (ms)", "e2e_latency p50 / p99 (s)", "goodput (req/s)",
            "request_errors (requests)", "request_timeouts (requests)", "energy_per_token (J/token)", "send_lag p99 (ms)",
            "flags",
        ]
        let rows = entries.map { entry -> [String] in
            let summary = entry.analysis.summary
            let value = { (id: MetricID) in summary[id].map { NumberText.meanAndSpread($0.mean, nil) } ?? ReportColumns.missing }
            let count = { (id: MetricID) in summary[id].map { String(Int($0.mean.rounded())) } ?? ReportColumns.missing }
            let percentiles = { (id: MetricID, scale: Double, picks: [KeyPath<Summary, Double>]) -> String in
                guard let s = summary[id] else { return ReportColumns.missing }
                return picks.map { NumberText.meanAndSpread(s[keyPath: $0] * scale, nil) }.joined(separator: " / ")
            }
            let cells = [
                entry.result?.load?.description ?? "synchronous", "\((summary[.e2eLatency] ?? summary[.ttft])?.n ?? 0)",
                value(.requestRate), value(.systemOutputRate), value(.concurrencyAchieved),
                percentiles(.ttft, 1e3, [\.p50, \.p90, \.p99]), percentiles(.itl, 1e3, [\.p99]),
                percentiles(.e2eLatency, 1, [\.p50, \.p99]), value(.goodput), count(.requestErrors),
                count(.requestTimeouts), value(.energyPerToken), percentiles(.sendLag, 1e3, [\.p99]),
            ]
            return cells.map { td($0) } + ["<td>\(flagBadges(entry.analysis.flags))</td>"]
        }
        return table(header: header, rows: rows, caption: base, class: "load")
    }
}
