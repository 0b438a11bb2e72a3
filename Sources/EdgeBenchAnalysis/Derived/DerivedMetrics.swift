import EdgeBenchCore

/// Every derived metric of one configuration (METRICS.md *Physical, cost and battery*, *Roofline*),
/// exactly as the dictionary defines them; a missing input gives n/a with its reason.
public struct DerivedMetrics: Sendable, Equatable {
    public var values: [MetricID: DerivedValue]
    /// how an input was obtained where there was a choice (energy from mean power, decode_rate for the roofline)
    public var notes: [String]

    public init(values: [MetricID: DerivedValue], notes: [String] = []) {
        self.values = values
        self.notes = notes
    }

    public subscript(_ metric: MetricID) -> DerivedValue {
        values[metric] ?? .notAvailable("not computed")
    }

    /// The derived metrics of `configuration` on its own device. `accelerator_gain` needs a second
    /// configuration; it is n/a here until `AcceleratorGain.pairs` fills it (see `Analysis`).
    /// `priceBasis`: which of the device's prices `price`, `throughput_per_dollar` and `cost_per_mtok` use
    /// (`PriceBasis.choose` picks one for all compared configurations).
    public static func compute(
        for configuration: ConfigurationResult, parameters: AnalysisParameters, priceBasis: PriceBasis = .board
    ) -> DerivedMetrics {
        let inputs = MeasuredInputs(configuration)
        let device = DeviceInputs(configuration.device, battery: parameters.battery, priceBasis: priceBasis)
        var values: [MetricID: DerivedValue] = [:]
        var notes: [String] = []
        if let note = inputs.energyPerTokenNote { notes.append(note) }

        values[.volume] = device.volume
        values[.mass] = device.mass
        values[.price] = device.price
        values[.throughputDensity] = ratio(inputs.e2eThroughput, device.volume, "throughput_density")
        values[.throughputPerKg] = ratio(inputs.e2eThroughput, device.mass, "throughput_per_kg")
        values[.throughputPerDollar] = ratio(inputs.e2eThroughput, device.price, "throughput_per_dollar")
        values[.costPerMtok] = costPerMtok(inputs: inputs, price: device.price, parameters: parameters)
        values[.tokensPerBattery] = ratio(device.battery, inputs.energyPerToken, "tokens_per_battery")
        values[.batteryHours] = batteryHours(inputs: inputs, battery: device.battery, dutyCycle: parameters.dutyCycle)
        values[.acceleratorGain] = .notAvailable("not an accelerated configuration paired with a CPU configuration")
        let ceiling = ratio(device.memoryBandwidth, inputs.modelBytes, "decode_ceiling")
        values[.decodeCeiling] = ceiling
        values[.rooflineEfficiency] = ratio(inputs.decodeRate, ceiling, "roofline_efficiency")
        if let source = inputs.decodeRateSource, source != MetricID.serverDecodeRate.rawValue, ceiling.number != nil {
            notes.append("roofline_efficiency from \(source): the server reported no decode rate of its own")
        }
        if let efficiency = values[.rooflineEfficiency]?.number, efficiency > 1 {
            // faster than reading every weight once per token allows: the bytes or the rate are off
            notes.append(
                "roofline_efficiency above 1: the decode rate beats the memory-bandwidth ceiling, so fewer bytes "
                    + "are read per token than the model's size (sparse or mixture-of-experts weights, "
                    + "a size that is not the weights') or the catalog's bandwidth is low")
        }
        return DerivedMetrics(values: values, notes: notes)
    }

    /// `(price / (lifetime_h × 3600 × e2e_throughput) + energy_per_token × price_per_kWh / 3.6e6) × 1e6`
    static func costPerMtok(inputs: MeasuredInputs, price: DerivedValue, parameters: AnalysisParameters) -> DerivedValue {
        guard let dollars = price.number else { return price }
        guard let throughput = inputs.e2eThroughput.number else { return inputs.e2eThroughput }
        guard let joules = inputs.energyPerToken.number else { return inputs.energyPerToken }
        let lifetimeTokens = parameters.lifetimeHours * 3600 * throughput
        let hardware = dollars / lifetimeTokens
        let energy = joules * parameters.electricityPricePerKWh / 3.6e6
        return .finite((hardware + energy) * 1e6, "cost_per_mtok")
    }

    /// Hours on one battery: `battery_J / 3600 / P` with `P = duty × mean_power + (1 − duty) × idle_power`.
    /// Below a duty of 1 the idle draw matters, so without a measured idle_power there is no answer.
    static func batteryHours(inputs: MeasuredInputs, battery: DerivedValue, dutyCycle: Double) -> DerivedValue {
        guard let joules = battery.number else { return battery }
        guard let active = inputs.meanPower.number else { return inputs.meanPower }
        let power: Double
        if dutyCycle >= 1 {
            power = active
        } else if let idle = inputs.idlePower {
            power = dutyCycle * active + (1 - dutyCycle) * idle
        } else {
            return .notAvailable("duty cycle \(dutyCycle) needs idle_power, which was not measured")
        }
        return .finite(joules / 3600 / power, "battery_hours")
    }

    /// `a / b`, or the first missing input's reason.
    static func ratio(_ a: DerivedValue, _ b: DerivedValue, _ what: String) -> DerivedValue {
        guard let x = a.number else { return a }
        guard let y = b.number else { return b }
        return .finite(x / y, what)
    }
}
