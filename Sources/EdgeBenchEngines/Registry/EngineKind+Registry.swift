import EdgeBenchCore

extension EngineKind {
    /// What the registry says this kind honours; nil for a kind this build does not know
    /// (a bundle from a newer EdgeBench).
    public var capabilities: EngineCapabilities? { EngineRegistry.catalog[self] }

    /// Runs on this machine from a GGUF file (the board must be known); false for unknown kinds.
    public var runsLocally: Bool { capabilities?.runsLocally ?? false }
}
