/// The plan's economic and mission inputs to derived metrics (METRICS.md *Physical, cost and battery*).
/// Defaults are printed with every analysis that uses them.
public struct AnalysisParameters: Sendable, Equatable, Codable {
    /// hours of service the purchase price is spread over (`lifetime_h` of `cost_per_mtok`)
    public var lifetimeHours: Double
    /// $ per kWh of electricity
    public var electricityPricePerKWh: Double
    /// battery energy in J for every configuration whose device names none (plan `battery_wh` × 3600)
    public var battery: Double?
    /// fraction of the time the device is generating, 0–1 (`battery_hours` at the plan's duty cycle)
    public var dutyCycle: Double

    /// three years of continuous service
    public static let defaultLifetimeHours = 3.0 * 365 * 24
    /// US average residential price, order of magnitude
    public static let defaultElectricityPricePerKWh = 0.15

    public init(
        lifetimeHours: Double = AnalysisParameters.defaultLifetimeHours,
        electricityPricePerKWh: Double = AnalysisParameters.defaultElectricityPricePerKWh,
        battery: Double? = nil, dutyCycle: Double = 1
    ) {
        self.lifetimeHours = lifetimeHours
        self.electricityPricePerKWh = electricityPricePerKWh
        self.battery = battery
        self.dutyCycle = dutyCycle
    }

    enum CodingKeys: String, CodingKey {
        case lifetimeHours = "lifetime_hours"
        case electricityPricePerKWh = "electricity_price_per_kwh"
        case battery = "battery_j"
        case dutyCycle = "duty_cycle"
    }
}
