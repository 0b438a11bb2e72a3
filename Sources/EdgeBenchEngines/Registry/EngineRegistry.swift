import EdgeBenchCore

/// Every engine kind this build knows: one line each. Help lists kinds, and error messages
/// name them, in this order.
public enum EngineRegistry {
    public static let drivers: [any EngineDriver] = [
        ManagedDriver(),
        LlamaCppDriver(),
        OpenAIDriver(),
        OllamaDriver(),
        HailoOllamaDriver(),
        StackFlowDriver(),
        LlamaBenchDriver(),
    ]

    /// What each kind honours, for the layers that must not see the drivers (Plans).
    public static let catalog = EngineCatalog(drivers.map(\.capabilities))

    public static func driver(for kind: EngineKind) -> (any EngineDriver)? {
        drivers.first { $0.kind == kind }
    }
}
