import EdgeBenchCore

extension Plan {
    /// The engine as written under `engines:` that `configuration` runs, found through the names
    /// expansion gives it (matrix suffixes, the llama-bench sibling).
    public func baseEngine(for configuration: Configuration) -> EngineSpec? {
        engines.first { engine in
            variants(of: engine).contains {
                $0.name == configuration.engine.name || $0.llamaBenchSibling.name == configuration.engine.name
            }
        }
    }

    /// The `device:` of the engine `configuration` runs on (a `devices:` key or a catalog id); nil when
    /// the engine names no device.
    public func deviceReference(for configuration: Configuration) -> String? {
        baseEngine(for: configuration).flatMap { engineDevices[$0.name] }
    }

    /// The `devices:` entry called `key`.
    public func device(key: String) -> PlanDevice? {
        devices.first { $0.key == key }
    }
}
