import EdgeBenchAnalysis
import EdgeBenchCore
import Foundation

/// A unit chosen for printing one column: stored SI value × `scale` reads in `symbol`.
struct DisplayUnit: Sendable, Equatable {
    var symbol: String
    var scale: Double

    /// ms below one second, s from there: one unit per column so values compare at a glance.
    static func time(_ values: [Double]) -> DisplayUnit {
        (values.filter(\.isFinite).max() ?? 0) < 1 ? DisplayUnit(symbol: "ms", scale: 1000) : DisplayUnit(symbol: "s", scale: 1)
    }

    static let tokensPerSecond = DisplayUnit(symbol: "tok/s", scale: 1)
    /// J/token and MJ/Mtok are the same number; the header says both.
    static let joulesPerToken = DisplayUnit(symbol: "J/token", scale: 1)
}

/// One metric of one configuration as the matrix prints it: "46.8 ± 5.9 tok/s" over "n=3 · CV 12.6 %".
struct MatrixCell: Sendable, Equatable {
    var value: String
    var detail: String
    /// false prints "–": not measured, never 0
    var isMeasured: Bool

    static let missing = MatrixCell(value: ReportColumns.missing, detail: "", isMeasured: false)

    static func make(_ entry: ReportEntry, _ metric: MetricID, unit: DisplayUnit) -> MatrixCell {
        if let summary = entry.analysis.summary[metric], summary.mean.isFinite {
            let spread = summary.stddev.map { $0 * unit.scale }
            let number = NumberText.meanAndSpread(summary.mean * unit.scale, spread)
            var detail = "n=\(summary.n)"
            if metric == .energyPerToken, let coverage = EnergyCoverage(entry.result, summary: entry.analysis.summary) {
                detail = coverage.count + " requests"
            }
            if let cv = summary.cv, cv.isFinite { detail += " · CV \(DisplayValue.compact(cv * 100, significantDigits: 2)) %" }
            return MatrixCell(value: "\(number) \(unit.symbol)", detail: detail, isMeasured: true)
        }
        if metric == .energyPerToken, let computed = entry.analysis.computedEnergyPerToken, computed.isFinite {
            let number = NumberText.meanAndSpread(computed * unit.scale, nil)
            return MatrixCell(value: "\(number) \(unit.symbol)", detail: "from mean power (no per-request energy)",
                              isMeasured: true)
        }
        return missing
    }
}

/// The methodology's results matrix: models (rows) × setups (columns), three metrics per cell.
struct ResultsMatrix: Sendable {
    static let metrics: [MetricID] = [.e2eThroughput, .ttft, .energyPerToken]

    var models: [String]
    var setups: [String]
    var units: [MetricID: DisplayUnit]
    /// model → setup → entry; a pair never measured has no entry
    var entries: [String: [String: ReportEntry]]

    init(_ list: [ReportEntry]) {
        models = firstSeen(list.map(\.model))
        setups = firstSeen(list.map(\.setup))
        var byModel: [String: [String: ReportEntry]] = [:]
        for entry in list where byModel[entry.model]?[entry.setup] == nil {
            byModel[entry.model, default: [:]][entry.setup] = entry
        }
        entries = byModel
        let ttfts = list.compactMap { $0.analysis.summary[.ttft]?.mean }
        units = [.e2eThroughput: .tokensPerSecond, .ttft: .time(ttfts), .energyPerToken: .joulesPerToken]
    }

    func entry(model: String, setup: String) -> ReportEntry? { entries[model]?[setup] }

    func cell(model: String, setup: String, metric: MetricID) -> MatrixCell {
        guard let entry = entry(model: model, setup: setup) else { return .missing }
        return MatrixCell.make(entry, metric, unit: unit(metric))
    }

    func unit(_ metric: MetricID) -> DisplayUnit { units[metric] ?? DisplayUnit(symbol: metric.unit.rawValue, scale: 1) }

    /// (id, unit as the matrix prints it, definition): the definitions beside the matrix use its units.
    var definitions: [(String, String, String)] {
        Self.metrics.map { metric in
            let symbol = unit(metric).symbol
            let note = symbol == metric.unit.rawValue ? "" : " (printed in \(symbol); stored in \(metric.unit.rawValue))"
            return (metric.rawValue, symbol, metric.definition + note)
        }
    }

    /// "e2e_throughput (tok/s)"; energy also says MJ/Mtok, the paper's spelling of the same number.
    func header(_ metric: MetricID) -> String {
        metric == .energyPerToken ? "energy_per_token (J/token = MJ/Mtok)" : "\(metric.rawValue) (\(unit(metric).symbol))"
    }
}
