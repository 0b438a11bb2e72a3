import EdgeBenchCore

extension Quantity {
    /// The unit readings of this quantity are stored in (SI, as `Reading.value`).
    public var unit: MetricUnit {
        switch self {
        case .power: .watts
        case .energyCounter: .joules
        case .temperature: .celsius
        case .frequency: .hertz
        case .utilisation: .ratio
        case .memory: .bytes
        case .throttle: .ratio
        }
    }
}
