import EdgeBenchCore

/// A unit a threshold may be written in, and how it converts to the stored unit.
public struct UnitScale: Sendable, Equatable {
    /// How the unit is printed (`cm³`).
    public var symbol: String
    /// Other spellings accepted when parsing (`cm3`, `cc`).
    public var aliases: [String]
    /// Stored units in one of this unit (3600 J in a Wh).
    public var factor: Double
    /// Units of this kind in one stored unit (1e6 cm³ in a m³), for units smaller than the stored one:
    /// dividing by an exact 1e6 rounds once, so "200 cm3" becomes exactly 2e-4 m³.
    public var perStored: Double

    public init(symbol: String, aliases: [String] = [], factor: Double) {
        self.symbol = symbol
        self.aliases = aliases
        self.factor = factor
        self.perStored = 1
    }

    public init(symbol: String, aliases: [String] = [], perStored: Double) {
        self.symbol = symbol
        self.aliases = aliases
        self.factor = 1
        self.perStored = perStored
    }

    /// A value written in this unit, in stored units.
    public func toStored(_ value: Double) -> Double { value * factor / perStored }

    /// A stored value, in this unit.
    public func fromStored(_ value: Double) -> Double { value * perStored / factor }
}

/// The physical dimension of a metric, which fixes the units its thresholds and printed values may use.
public enum MetricDimension: String, Sendable, Equatable, CaseIterable {
    case time, timePerToken, tokenRate, requestRate, tokens, power, energy, energyPerToken,
         tokensPerJoule, throughputPerWatt, volume, mass, price, hours, throughputDensity,
         throughputPerKg, throughputPerDollar, costPerMegatoken, times, fraction, requestCount

    /// The dimension of a metric key, from its stored unit: `ttft.p90` has the dimension of `ttft`, a
    /// coefficient of variation (`decode_rate.cv`) is a plain fraction.
    /// Every metric's unit has one (`MetricDimensionTests` checks each `MetricID`).
    public static func of(_ key: MetricKey) -> MetricDimension { of(unit: key.unit)! }

    public static func of(_ metric: MetricID) -> MetricDimension { of(unit: metric.unit)! }

    /// nil for the telemetry units (B, °C, Hz, m, B/s), in which no metric is stored.
    static func of(unit: MetricUnit) -> MetricDimension? {
        switch unit {
        case .seconds: .time
        case .secondsPerToken: .timePerToken
        case .tokensPerSecond: .tokenRate
        case .requestsPerSecond: .requestRate
        case .tokens: .tokens
        case .watts: .power
        case .joules: .energy
        case .joulesPerToken: .energyPerToken
        case .tokensPerJoule: .tokensPerJoule
        case .tokensPerSecondPerWatt: .throughputPerWatt
        case .cubicMetres: .volume
        case .kilograms: .mass
        case .dollars: .price
        case .hours: .hours
        case .tokensPerSecondPerCubicMetre: .throughputDensity
        case .tokensPerSecondPerKilogram: .throughputPerKg
        case .tokensPerSecondPerDollar: .throughputPerDollar
        case .dollarsPerMegatoken: .costPerMegatoken
        case .times: .times
        case .ratio, .percent: .fraction
        case .requests: .requestCount
        case .bytes, .celsius, .hertz, .metres, .bytesPerSecond: nil
        }
    }

    /// The stored unit (SI, or the unit METRICS.md names for `battery_hours` and `cost_per_mtok`).
    public var storedUnit: MetricUnit {
        switch self {
        case .time: .seconds
        case .timePerToken: .secondsPerToken
        case .tokenRate: .tokensPerSecond
        case .requestRate: .requestsPerSecond
        case .tokens: .tokens
        case .power: .watts
        case .energy: .joules
        case .energyPerToken: .joulesPerToken
        case .tokensPerJoule: .tokensPerJoule
        case .throughputPerWatt: .tokensPerSecondPerWatt
        case .volume: .cubicMetres
        case .mass: .kilograms
        case .price: .dollars
        case .hours: .hours
        case .throughputDensity: .tokensPerSecondPerCubicMetre
        case .throughputPerKg: .tokensPerSecondPerKilogram
        case .throughputPerDollar: .tokensPerSecondPerDollar
        case .costPerMegatoken: .dollarsPerMegatoken
        case .times: .times
        case .fraction: .ratio
        case .requestCount: .requests
        }
    }

    /// Every unit a threshold for this dimension may be written in; the stored unit is among them.
    public var units: [UnitScale] {
        switch self {
        case .time:
            [UnitScale(symbol: "µs", aliases: ["us"], perStored: 1e6), UnitScale(symbol: "ms", perStored: 1e3),
             UnitScale(symbol: "s", aliases: ["sec"], factor: 1), UnitScale(symbol: "min", factor: 60),
             UnitScale(symbol: "h", factor: 3600)]
        case .timePerToken:
            [UnitScale(symbol: "ms/token", aliases: ["ms/tok"], perStored: 1e3),
             UnitScale(symbol: "s/token", aliases: ["s/tok"], factor: 1)]
        case .tokenRate:
            [UnitScale(symbol: "tok/s", aliases: ["token/s", "tokens/s", "tps"], factor: 1)]
        case .requestRate:
            [UnitScale(symbol: "req/s", aliases: ["requests/s"], factor: 1)]
        case .tokens:
            [UnitScale(symbol: "tokens", aliases: ["tok", "token"], factor: 1),
             UnitScale(symbol: "ktok", factor: 1e3), UnitScale(symbol: "Mtok", factor: 1e6)]
        case .power:
            [UnitScale(symbol: "mW", perStored: 1e3), UnitScale(symbol: "W", factor: 1),
             UnitScale(symbol: "kW", factor: 1e3)]
        case .energy:
            [UnitScale(symbol: "mJ", perStored: 1e3), UnitScale(symbol: "J", factor: 1),
             UnitScale(symbol: "kJ", factor: 1e3), UnitScale(symbol: "MJ", factor: 1e6),
             UnitScale(symbol: "mWh", factor: 3.6), UnitScale(symbol: "Wh", factor: 3600),
             UnitScale(symbol: "kWh", factor: 3.6e6)]
        case .energyPerToken:
            // The paper's MJ/Mtok is numerically the same number as J/token (METRICS.md).
            [UnitScale(symbol: "mJ/token", aliases: ["mJ/tok"], perStored: 1e3),
             UnitScale(symbol: "J/token", aliases: ["J/tok", "MJ/Mtok"], factor: 1)]
        case .tokensPerJoule:
            [UnitScale(symbol: "tok/J", aliases: ["tokens/J"], factor: 1)]
        case .throughputPerWatt:
            [UnitScale(symbol: "tok/s/W", factor: 1)]
        case .volume:
            [UnitScale(symbol: "mm³", aliases: ["mm3"], perStored: 1e9),
             UnitScale(symbol: "cm³", aliases: ["cm3", "cc", "mL", "ml"], perStored: 1e6),
             UnitScale(symbol: "L", aliases: ["l", "dm3", "dm³"], perStored: 1e3),
             UnitScale(symbol: "m³", aliases: ["m3"], factor: 1)]
        case .mass:
            [UnitScale(symbol: "g", perStored: 1e3), UnitScale(symbol: "kg", factor: 1)]
        case .price:
            [UnitScale(symbol: "$", aliases: ["USD", "usd"], factor: 1)]
        case .hours:
            [UnitScale(symbol: "min", perStored: 60), UnitScale(symbol: "h", factor: 1)]
        case .throughputDensity:
            [UnitScale(symbol: "tok/s/m³", aliases: ["tok/s/m3"], factor: 1)]
        case .throughputPerKg:
            [UnitScale(symbol: "tok/s/kg", factor: 1)]
        case .throughputPerDollar:
            [UnitScale(symbol: "tok/s/$", factor: 1)]
        case .costPerMegatoken:
            [UnitScale(symbol: "$/Mtok", factor: 1)]
        case .times:
            [UnitScale(symbol: "×", aliases: ["x"], factor: 1)]
        case .fraction:
            [UnitScale(symbol: "%", perStored: 100)]
        case .requestCount:
            [UnitScale(symbol: "requests", aliases: ["request", "req"], factor: 1)]
        }
    }

    /// The unit written as `text`, if this dimension knows it (exact spelling first, then ignoring case).
    public func unit(named text: String) -> UnitScale? {
        units.first { $0.symbol == text || $0.aliases.contains(text) }
            ?? units.first { unit in
                unit.symbol.lowercased() == text.lowercased()
                    && !units.contains { $0 != unit && $0.symbol.lowercased() == text.lowercased() }
            }
    }
}

extension UnitScale {
    /// The longest leading run of `text` that reads as a finite number, and what follows it (the unit):
    /// "200cm3" → (200, "cm3"), "1e-3 s" → (0.001, " s"). Shared by constraints and compare thresholds.
    static func leadingNumber(_ text: String) -> (Double, Substring)? {
        let numberCharacters = Set("0123456789.+-eE_")
        var end = text.firstIndex { !numberCharacters.contains($0) } ?? text.endIndex
        while end > text.startIndex {
            let candidate = text[..<end].replacingOccurrences(of: "_", with: "")
            if let value = Double(candidate), value.isFinite { return (value, text[end...]) }
            end = text.index(before: end)
        }
        return nil
    }
}
