import EdgeBenchCore

/// A GGUF file on this machine and what bundles record about it.
public struct ResolvedModel: Sendable {
    public var path: String
    public var info: ModelInfo
}
