import EdgeBenchAnalysis
import EdgeBenchCore
import Foundation

/// The terminal rendering: configurations × metrics in display units, n/a reasons under the table, then
/// the Pareto front, accelerator gains, the ranking and the parameters used.
public enum AnalysisText {
    /// Measured metrics worth a row next to the derived ones (rows with no value anywhere are dropped).
    static let measuredRows: [MetricID] = [
        .ttft, .decodeRate, .serverDecodeRate, .e2eThroughput, .meanPower, .idlePower, .energyPerToken,
    ]

    /// The metrics made from a price: their rows name the price basis every configuration used.
    static let priced: Set<MetricID> = [.price, .throughputPerDollar, .costPerMtok]

    public static func render(_ report: AnalysisReport) -> String {
        var lines: [String] = []
        let labels = Dictionary(
            uniqueKeysWithValues: report.configurations.enumerated().map { ($0.element.id, "[\($0.offset + 1)]") })
        func tag(_ id: String) -> String { "\(labels[id] ?? "") \(id)".trimmingCharacters(in: .whitespaces) }

        lines.append("Configurations (\(report.configurations.count) completed)")
        for configuration in report.configurations {
            let device = configuration.deviceName.map { "\($0) (\(configuration.deviceID ?? ""))" } ?? "no device"
            let flags = configuration.flags.isEmpty ? "" : " — flags: " + configuration.flags.joined(separator: ", ")
            lines.append(
                "  \(tag(configuration.id)): \(device); \(configuration.engineName) via \(configuration.engineKind); "
                    + "\(configuration.model)\(configuration.quantisation.map { " " + $0 } ?? "")\(flags)")
        }
        if !report.configurations.isEmpty {
            lines.append("")
            lines += table(report, labels: labels)
            lines += reasons(report, labels: labels)
            lines.append("")
            lines.append("Derived metrics (METRICS.md)")
            lines += MetricID.derived.map { "  \($0.rawValue) (\($0.unit.rawValue)) = \($0.definition)" }
        }
        if !report.failed.isEmpty {
            lines.append("")
            lines.append("Not compared (did not complete)")
            for failed in report.failed { lines.append("  \(failed.id) (\(failed.status)): \(failed.error)") }
        }
        lines.append("")
        lines += pareto(report.pareto, order: report.configurations.map(\.id), tag: tag)
        lines += objectiveChoice(report)
        lines += balanced(report, tag: tag)
        lines.append("")
        lines += gains(report.acceleratorGains)
        if let ranking = report.ranking {
            lines.append("")
            lines += self.ranking(ranking, candidates: report.candidates, tag: tag)
        }
        lines.append("")
        lines.append("Parameters")
        for parameter in report.parameters { lines.append("  " + describe(parameter)) }
        lines.append("  price basis: \(report.priceBasis.label) (\(report.priceBasisReason)); price, throughput_per_dollar "
            + "and cost_per_mtok use it for every configuration")
        var notes = report.notes
        for configuration in report.configurations {
            notes += configuration.derived.notes.map { "\(tag(configuration.id)): \($0)" }
        }
        if !notes.isEmpty {
            lines.append("")
            lines.append("Notes")
            lines += notes.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// Metrics as rows, configurations as columns: a handful of boards side by side, each row in one unit.
    static func table(_ report: AnalysisReport, labels: [String: String]) -> [String] {
        let ids = measuredRows + MetricID.derived
        var rows: [[String]] = [["metric"] + report.configurations.map { labels[$0.id] ?? $0.id }]
        for metric in ids {
            let values = report.configurations.map { $0.metrics[metric] }
            let present = values.compactMap { $0 }
            guard !present.isEmpty || metric.scope == .derived else { continue }
            let unit = DisplayValue.unit(for: metric, values: present)
            var unitText = unit.symbol.isEmpty ? "" : " (\(unit.symbol))"
            if Self.priced.contains(metric) { unitText = " (\(unit.symbol), \(report.priceBasis.label))" }
            let cells = values.map { value in value.map { DisplayValue.readable(unit.fromStored($0)) } ?? "n/a" }
            rows.append([metric.rawValue + unitText] + cells)
        }
        return TextTable.lines(rows, indent: "  ") { $0 == 0 ? .left : .right }
    }

    /// "n/a — reason", grouped by reason and metrics so one missing input reads as one line for all
    /// configurations it affects: "[1] [2] n/a volume, mass, … — no device: …".
    static func reasons(_ report: AnalysisReport, labels: [String: String]) -> [String] {
        var groups: [(why: String, metrics: [String], labels: [String])] = []
        for configuration in report.configurations {
            var byReason: [(why: String, metrics: [String])] = []
            for metric in MetricID.derived {
                guard let why = configuration.notAvailable[metric] else { continue }
                if let index = byReason.firstIndex(where: { $0.why == why }) {
                    byReason[index].metrics.append(metric.rawValue)
                } else {
                    byReason.append((why, [metric.rawValue]))
                }
            }
            for (why, metrics) in byReason {
                let label = labels[configuration.id] ?? configuration.id
                if let index = groups.firstIndex(where: { $0.why == why && $0.metrics == metrics }) {
                    groups[index].labels.append(label)
                } else {
                    groups.append((why, metrics, [label]))
                }
            }
        }
        let lines = groups.map { "  \($0.labels.joined(separator: " ")) n/a \($0.metrics.joined(separator: ", ")) — \($0.why)" }
        return lines.isEmpty ? [] : ["", "n/a reasons"] + lines
    }

    static func pareto(_ pareto: ParetoResult, order: [String], tag: (String) -> String) -> [String] {
        func position(_ id: String) -> Int { order.firstIndex(of: id) ?? order.count }
        var lines = ["Pareto front (\(pareto.objectives.map(\.description).joined(separator: ", ")))"]
        lines += pareto.front.isEmpty ? ["  (empty: nothing had every objective)"] : pareto.front.map { "  " + tag($0) }
        for (id, by) in pareto.dominated.sorted(by: { position($0.key) < position($1.key) }) {
            lines.append("  dominated: \(tag(id)) by \(tag(by))")
        }
        for (id, why) in pareto.excluded.sorted(by: { position($0.key) < position($1.key) }) {
            lines.append("  not compared: \(tag(id)): \(why)")
        }
        return lines
    }

    /// How the objectives were picked when none were given: each used or left out, and why.
    static func objectiveChoice(_ report: AnalysisReport) -> [String] {
        guard let choice = report.objectiveChoice else { return [] }
        return ["  objectives chosen from the data (no --objectives given):"] + choice.reasons.map { "    " + $0 }
    }

    /// Without a scenario, the first choice among the front with its objectives weighed equally.
    static func balanced(_ report: AnalysisReport, tag: (String) -> String) -> [String] {
        guard let ranking = report.balanced, let first = ranking.entries.first else { return [] }
        var lines = [
            "  first choice, the objectives weighed equally: \(tag(first.id)) (score "
                + "\(DisplayValue.compact(first.score, significantDigits: 3)) of 1); rank for a use with --scenario "
                + "(\(Scenario.presetNames.joined(separator: ", ")))"
        ]
        if let sentence = ranking.tradeOff(candidates: report.candidates) { lines.append("  " + sentence) }
        return lines
    }

    static func gains(_ gains: [AcceleratorGain]) -> [String] {
        var lines = ["Accelerator gain (energy_per_token on the CPU ÷ on the accelerator)"]
        if gains.isEmpty {
            lines.append("  none: no CPU and accelerated configuration of the same board, model and workload")
        }
        for gain in gains {
            let value = gain.gain.number.map { DisplayValue.compact($0) + " ×" } ?? "n/a — " + (gain.gain.reason ?? "")
            lines.append(
                "  \(gain.board), \(gain.model) (\(gain.workload)): \(gain.cpuConfiguration) → "
                    + "\(gain.acceleratedConfiguration): \(value)")
        }
        return lines
    }

    static func ranking(_ ranking: Ranking, candidates: [Candidate], tag: (String) -> String) -> [String] {
        var lines = ["Ranking"] + ranking.scenario.summaryLines.map { "  " + $0 }
        for (place, entry) in ranking.entries.enumerated() {
            let parts = entry.contributions.sorted { $0.value > $1.value }
                .map { "\($0.key) \(DisplayValue.compact($0.value, significantDigits: 2))" }
            lines.append(
                "  \(place + 1). \(tag(entry.id))  score \(DisplayValue.compact(entry.score, significantDigits: 3))"
                    + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"))
        }
        for (id, reasons) in ranking.excluded.sorted(by: { $0.key < $1.key }) {
            lines.append("  excluded: \(tag(id)): \(reasons.joined(separator: "; "))")
        }
        lines += ranking.notes.map { "  note: " + $0 }
        if let sentence = ranking.tradeOff(candidates: candidates) { lines.append("  " + sentence) }
        return lines
    }

    static func describe(_ parameter: AnalysisParameterUse) -> String {
        guard let value = parameter.value else { return "\(parameter.name): not given" }
        let unit = parameter.unit == "ratio" ? "" : " " + parameter.unit
        var text = "\(parameter.name): \(DisplayValue.compact(value, significantDigits: 6))\(unit)"
        if parameter.name == "battery_j" { text += " (\(DisplayValue.compact(value / 3600, significantDigits: 6)) Wh)" }
        return text + (parameter.isDefault ? " (default)" : "")
    }
}
