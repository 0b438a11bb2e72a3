import EdgeBenchCore

extension Plan {
    /// configuration id → the `power:` of the engine it runs on, for engines that declare their own meter.
    public func configurationPower(_ configurations: [Configuration]) -> [String: [PowerSourceSpec]] {
        var result: [String: [PowerSourceSpec]] = [:]
        for configuration in configurations {
            guard let engine = baseEngine(for: configuration), let sources = power.engines[engine.name] else { continue }
            result[configuration.id] = sources
        }
        return result
    }
}
