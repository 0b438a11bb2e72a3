import Foundation

/// Turns a tick or data value into its printed label.
public typealias TickFormat = @Sendable (Double) -> String

public enum TickFormats {
    /// Compact number: up to three significant digits, thousands as "k"/"M", never exponent
    /// notation. "0.003", "12.5", "40", "1.5k".
    public static let number: TickFormat = { value in compact(value) }

    /// A compact number followed by its unit: "20 W", "0.01 J/token".
    public static func unit(_ unit: String) -> TickFormat {
        { value in unit.isEmpty ? compact(value) : compact(value) + " " + unit }
    }

    /// A fraction as a percentage: 0.63 → "63 %".
    public static let percent: TickFormat = { value in compact(value * 100) + " %" }

    public static func compact(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let magnitude = abs(value)
        if magnitude >= 1_000_000 { return trimmed(value / 1_000_000, significant: 3) + "M" }
        if magnitude >= 10_000 { return trimmed(value / 1_000, significant: 3) + "k" }
        return trimmed(value, significant: 3)
    }

    /// `value` with as many decimals as `step` needs to tell neighbouring ticks apart: step 0.1 → one, 0.25 → two.
    public static func fixed(_ value: Double, step: Double) -> String {
        guard value.isFinite, step.isFinite, step > 0 else { return compact(value) }
        var decimals = 0
        while decimals < 12, abs((step * pow(10, Double(decimals))).rounded() - step * pow(10, Double(decimals))) > 1e-6 * step * pow(10, Double(decimals)) {
            decimals += 1
        }
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    static func trimmed(_ value: Double, significant: Int) -> String {
        guard value != 0 else { return "0" }
        let digits = Int(log10(abs(value)).rounded(.down))
        let decimals = Swift.min(Swift.max(significant - 1 - digits, 0), 12)
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }
}
