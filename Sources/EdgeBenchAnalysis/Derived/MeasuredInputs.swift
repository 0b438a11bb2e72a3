import EdgeBenchCore

/// The measured means a derived metric starts from, each with the reason it is missing, so every
/// derived metric says exactly which input it lacked.
public struct MeasuredInputs: Sendable, Equatable {
    /// tok/s, mean of `e2e_throughput`
    public var e2eThroughput: DerivedValue
    /// J/token: the measured mean, else `mean_power / e2e_throughput` (see `energyPerTokenNote`)
    public var energyPerToken: DerivedValue
    /// W
    public var meanPower: DerivedValue
    /// W, nil when no idle baseline was measured
    public var idlePower: Double?
    /// tok/s, `server_decode_rate`, else `decode_rate`
    public var decodeRate: DerivedValue
    /// which metric `decodeRate` came from ("server_decode_rate" or "decode_rate"); nil when neither
    public var decodeRateSource: String?
    /// B, the model's weights as the engine reported them
    public var modelBytes: DerivedValue
    /// set when energy_per_token was computed from mean power, not measured per request
    public var energyPerTokenNote: String?

    public init(_ configuration: ConfigurationResult) {
        let summary = configuration.summary
        func mean(_ id: MetricID) -> Double? { summary[id]?.mean }
        let noPower = configuration.power == nil ? ": no power source was read" : ""

        e2eThroughput = mean(.e2eThroughput).map(DerivedValue.value) ?? .notAvailable("no e2e_throughput measured")
        meanPower = mean(.meanPower).map(DerivedValue.value) ?? .notAvailable("no mean_power measured\(noPower)")
        idlePower = mean(.idlePower)
        energyPerTokenNote = nil
        if let measured = mean(.energyPerToken) {
            energyPerToken = .value(measured)
        } else if let power = mean(.meanPower), let throughput = mean(.e2eThroughput), throughput > 0 {
            // energy(request) / N_out = mean_power × e2e_latency / N_out = mean_power / e2e_throughput
            energyPerToken = .value(power / throughput)
            energyPerTokenNote = "energy_per_token = mean_power / e2e_throughput (no per-request energy measured)"
        } else {
            energyPerToken = .notAvailable("no energy measured\(noPower)")
        }
        if let server = mean(.serverDecodeRate) {
            decodeRate = .value(server)
            decodeRateSource = MetricID.serverDecodeRate.rawValue
        } else if let client = mean(.decodeRate) {
            decodeRate = .value(client)
            decodeRateSource = MetricID.decodeRate.rawValue
        } else {
            decodeRate = .notAvailable("no server_decode_rate or decode_rate measured")
            decodeRateSource = nil
        }
        if let bytes = configuration.model.sizeBytes, bytes > 0 {
            modelBytes = .value(Double(bytes))
        } else {
            modelBytes = .notAvailable("model size unknown: the engine did not report the bytes of \(configuration.model.name)")
        }
    }
}
