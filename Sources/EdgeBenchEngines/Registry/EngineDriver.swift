import EdgeBenchCore

/// One engine kind behind one seam. `prepare` reaches or starts the engine and loads the model; the
/// `PreparedEngine` it returns generates and describes (`InferenceEngine`) and stops. `capabilities`
/// is what plans, the one-off flags and `--help` may say about the kind.
///
/// A new kind is a folder under `EdgeBenchEngines/` with a type conforming to this, and one line
/// in `EngineRegistry.drivers`.
public protocol EngineDriver: Sendable {
    var capabilities: EngineCapabilities { get }

    /// Ready to take the configuration's requests, or an error that names what to fix.
    func prepare(_ configuration: Configuration, context: EngineContext) async throws -> PreparedEngine
}

extension EngineDriver {
    public var kind: EngineKind { capabilities.kind }
}
