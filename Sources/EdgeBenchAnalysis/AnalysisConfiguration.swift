import EdgeBenchCore

/// One completed configuration as the analysis sees it: who ran what where, its measured means and its
/// derived metrics.
public struct ConfigurationAnalysis: Sendable, Equatable {
    public var id: String
    /// catalog id and name of the device, nil when the configuration names none
    public var deviceID: String?
    public var deviceName: String?
    /// runtime name, e.g. "llama.cpp"
    public var engineName: String
    /// adapter that spoke to it, e.g. "ollama", "hailo-ollama"
    public var engineKind: String
    /// model name as the engine reported it
    public var model: String
    public var quantisation: String?
    /// metric → mean over the measured requests (SI)
    public var measured: [MetricID: Double]
    /// metric → full statistics, for `id.p90`-style keys
    public var summary: [MetricID: Summary]
    public var derived: DerivedMetrics
    public var flags: [String]

    public init(_ configuration: ConfigurationResult, derived: DerivedMetrics) {
        id = configuration.id
        deviceID = configuration.device?.id
        deviceName = configuration.device?.name
        engineName = configuration.engine.name
        engineKind = configuration.engine.adapter
        model = configuration.model.name
        quantisation = configuration.model.quantisation
        summary = configuration.summary.filter { $0.value.mean.isFinite }
        measured = summary.mapValues(\.mean)
        self.derived = derived
        flags = configuration.flags.map(\.rawValue).sorted()
        computedEnergyPerToken =
            measured[.energyPerToken] == nil ? MeasuredInputs(configuration).energyPerToken.number : nil
    }

    /// energy_per_token from mean power where no per-request energy was measured (see `derived.notes`)
    public var computedEnergyPerToken: Double?

    /// Every number of this configuration by metric (SI): measured means, then derived values.
    public var metrics: [MetricID: Double] {
        var all = measured
        if let computedEnergyPerToken { all[.energyPerToken] = computedEnergyPerToken }
        for (metric, value) in derived.values {
            if let number = value.number { all[metric] = number }
        }
        return all
    }

    /// derived metric → why it has no value
    public var notAvailable: [MetricID: String] {
        derived.values.compactMapValues(\.reason)
    }
}
