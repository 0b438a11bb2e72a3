/// An engine whose model EdgeBench can take out of memory and bring back, so that a measured request starts
/// from an unloaded model (a workload's `start: cold`, METRICS.md "Cold start"). A `PreparedEngine` carries
/// one where its kind can (`EngineCapabilities.coldStart`).
///
/// Before each measured request the runner calls `unload()`, then `load()`, then sends the request: the load's
/// time plus the request's TTFT is `cold_ttft`, the energy from the load's start to the request's first
/// token is `cold_energy` (`ColdStartMetrics`).
public protocol ColdStarting: Sendable {
    /// Returns once the model is no longer resident (Ollama no longer lists it in `/api/ps`, the managed
    /// server's process has ended, the StackFlow session is exited), or throws saying what kept it.
    func unload() async throws

    /// Loads the model again and returns once the engine can take a request, with when the load started and
    /// ended (and the engine's new pid, where it has a new process).
    func load() async throws -> ColdLoad
}
