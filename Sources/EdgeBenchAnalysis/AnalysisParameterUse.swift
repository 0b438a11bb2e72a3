import EdgeBenchCore

/// One analysis parameter as it was applied; defaults are marked so a report never hides an assumption.
public struct AnalysisParameterUse: Sendable, Equatable {
    /// e.g. "lifetime_hours"
    public var name: String
    /// in `unit`; nil when not given (battery)
    public var value: Double?
    public var unit: String
    public var isDefault: Bool

    public init(name: String, value: Double?, unit: String, isDefault: Bool) {
        self.name = name
        self.value = value
        self.unit = unit
        self.isDefault = isDefault
    }

    /// `parameters` as a list. A value equal to the documented default counts as the default: whether the
    /// plan spelled it out or not, the number is the assumption a reader has to know about.
    public static func list(_ parameters: AnalysisParameters) -> [AnalysisParameterUse] {
        [
            AnalysisParameterUse(
                name: "lifetime_hours", value: parameters.lifetimeHours, unit: "h",
                isDefault: parameters.lifetimeHours == AnalysisParameters.defaultLifetimeHours),
            AnalysisParameterUse(
                name: "electricity_price_per_kwh", value: parameters.electricityPricePerKWh, unit: "$/kWh",
                isDefault: parameters.electricityPricePerKWh == AnalysisParameters.defaultElectricityPricePerKWh),
            AnalysisParameterUse(name: "battery_j", value: parameters.battery, unit: "J", isDefault: false),
            AnalysisParameterUse(
                name: "duty_cycle", value: parameters.dutyCycle, unit: "ratio", isDefault: parameters.dutyCycle == 1),
        ]
    }
}
