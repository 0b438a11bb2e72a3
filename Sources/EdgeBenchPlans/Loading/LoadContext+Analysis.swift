import EdgeBenchCore
import Yams

extension LoadContext {
    static let analysisKeys = ["lifetime_hours", "electricity_price_per_kwh", "battery_wh", "duty_cycle"]

    /// `analysis:` — the inputs of cost and battery metrics; what the plan leaves out keeps its default.
    func readAnalysis(_ node: Node) -> AnalysisParameters? {
        guard
            let fields = Fields(
                node, subject: "'analysis'", expected: Self.analysisKeys.joined(separator: ", "), known: Self.analysisKeys,
                diagnostics: diagnostics)
        else { return nil }
        var parameters = AnalysisParameters()
        if let hours = fields.double("lifetime_hours", in: Self.positive, expected: "a number of hours > 0") {
            parameters.lifetimeHours = hours
        }
        if let price = fields.double(
            "electricity_price_per_kwh", in: Self.positive, expected: "a price in dollars per kWh > 0")
        {
            parameters.electricityPricePerKWh = price
        }
        parameters.battery = fields.double("battery_wh", in: Self.positive, expected: "a battery energy in Wh > 0").map {
            $0 * 3600
        }
        if let duty = fields.double(
            "duty_cycle", in: Double.leastNonzeroMagnitude...1, expected: "the fraction of time spent generating, 0 < d ≤ 1")
        {
            parameters.dutyCycle = duty
        }
        return parameters
    }
}
