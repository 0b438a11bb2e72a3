import EdgeBenchCore
import Foundation

/// Turns stored (SI) values into the units people read: ms or s, cm³, g, J/token, $.
/// Only for printing; nothing converted here is ever stored or compared.
public enum DisplayValue {
    /// One unit for all of `values` of `metric`, so numbers printed side by side compare at a glance.
    /// Times under 1 s read in ms, volumes in cm³, masses under 1 kg in g, tiny energies in mJ/token.
    public static func unit(for metric: MetricKey, values: [Double]) -> UnitScale {
        let largest = values.filter(\.isFinite).map(abs).max() ?? 0
        let dimension = MetricDimension.of(metric)
        let preferred: String? = switch dimension {
        case .time: largest < 1 ? "ms" : "s"
        case .timePerToken: largest < 1 ? "ms/token" : "s/token"
        case .volume: largest < 1e-3 ? "cm³" : "L"
        case .mass: largest < 1 ? "g" : "kg"
        case .energyPerToken: largest < 0.01 ? "mJ/token" : "J/token"
        case .power: largest < 0.1 ? "mW" : "W"
        case .fraction: "%"
        default: nil
        }
        return preferred.flatMap(dimension.unit(named:))
            ?? dimension.unit(named: dimension.storedUnit.rawValue)
            ?? UnitScale(symbol: dimension.storedUnit.rawValue, factor: 1)
    }

    /// `value` (stored units) with its display unit: "166 cm³", "450 ms", "$305".
    public static func string(_ value: Double, metric: MetricKey) -> String {
        let unit = unit(for: metric, values: [value])
        return attach(readable(unit.fromStored(value)), unit: unit)
    }

    /// Two values of one metric in one unit: "22.0 vs 5.4 tok/s", "$305 vs $223".
    public static func pair(_ a: Double, _ b: Double, metric: MetricKey) -> String {
        let unit = unit(for: metric, values: [a, b])
        let first = readable(unit.fromStored(a)), second = readable(unit.fromStored(b))
        if unit.symbol == "$" { return "$\(first) vs $\(second)" }
        return unit.symbol.isEmpty ? "\(first) vs \(second)" : "\(first) vs \(second) \(unit.symbol)"
    }

    /// A number written with `unit`'s symbol; the dollar sign goes in front.
    public static func attach(_ number: String, unit: UnitScale) -> String {
        if unit.symbol == "$" { return "$\(number)" }
        if unit.symbol.isEmpty { return number }
        return unit.symbol == "%" ? "\(number) %" : "\(number) \(unit.symbol)"
    }

    /// Figures for reading side by side: no decimals from 100 up, one from 1 up ("22.0", "5.4"),
    /// two significant figures below 1 ("0.45", "0.032").
    public static func readable(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        let magnitude = abs(value)
        if magnitude == 0 { return "0" }
        if magnitude >= 100 { return String(format: "%.0f", value) }
        if magnitude >= 1 { return String(format: "%.1f", value) }
        let decimals = max(0, 1 - Int(floor(log10(magnitude))))
        return String(format: "%.\(decimals)f", value)
    }

    /// Up to `significantDigits` significant figures, trailing zeros dropped, never scientific
    /// notation: 12.34 → "12.3", 10 → "10", 0.5 → "0.5", 1234.5 → "1235".
    public static func compact(_ value: Double, significantDigits: Int = 3) -> String {
        guard value.isFinite else { return "n/a" }
        let magnitude = abs(value)
        if magnitude == 0 { return "0" }
        let exponent = Int(floor(log10(magnitude)))
        let decimals = max(0, significantDigits - 1 - exponent)
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// How a metric key reads in a sentence: "decode rate", "TTFT (p90)", "cost per Mtok".
    public static func label(for metric: MetricKey) -> String {
        let name = labels[metric.metric] ?? metric.metric.rawValue.replacingOccurrences(of: "_", with: " ")
        return metric.statistic.map { "\(name) (\($0.rawValue))" } ?? name
    }

    private static let labels: [MetricID: String] = [
        .ttft: "TTFT", .tpot: "TPOT", .itl: "ITL", .e2eLatency: "end-to-end latency",
        .e2eThroughput: "end-to-end throughput", .costPerMtok: "cost per Mtok",
        .throughputPerKg: "throughput per kg", .throughputPerDollar: "throughput per $",
    ]

    /// The same, for a metric's mean.
    public static func unit(for metric: MetricID, values: [Double]) -> UnitScale {
        unit(for: MetricKey(metric), values: values)
    }

    public static func string(_ value: Double, metric: MetricID) -> String { string(value, metric: MetricKey(metric)) }

    public static func pair(_ a: Double, _ b: Double, metric: MetricID) -> String {
        pair(a, b, metric: MetricKey(metric))
    }

    public static func label(for metric: MetricID) -> String { label(for: MetricKey(metric)) }
}
