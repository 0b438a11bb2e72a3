/// Provenance of an engine and the model it serves, recorded in every bundle.
public struct EngineDescription: Sendable, Equatable, Codable {
    /// Adapter that spoke to it: an `EngineKind` raw value ("managed", "ollama", "stackflow", "llama-bench", …).
    public var adapter: String
    /// Runtime name, e.g. "llama.cpp".
    public var name: String
    public var version: String?
    public var build: String?
    public var url: String?
    /// How much of the model runs on an accelerator, as achieved (e.g. "0 layers (CPU)", "all").
    public var offload: String?
    /// Share of the model's bytes on the accelerator, 0…1, where the engine reports it (Ollama `/api/ps`).
    public var offloadFraction: Double?
    public var threads: Int?
    public var contextSize: Int?
    public var model: ModelInfo

    public init(
        adapter: String, name: String, version: String? = nil, build: String? = nil, url: String? = nil,
        offload: String? = nil, offloadFraction: Double? = nil, threads: Int? = nil, contextSize: Int? = nil,
        model: ModelInfo
    ) {
        self.adapter = adapter
        self.name = name
        self.version = version
        self.build = build
        self.url = url
        self.offload = offload
        self.offloadFraction = offloadFraction
        self.threads = threads
        self.contextSize = contextSize
        self.model = model
    }

    enum CodingKeys: String, CodingKey {
        case adapter, name, version, build, url, offload
        case offloadFraction = "offload_fraction"
        case threads
        case contextSize = "context_size"
        case model
    }
}

public struct ModelInfo: Sendable, Equatable, Codable {
    /// Name the engine knows the model by.
    public var name: String
    public var file: String?
    public var sizeBytes: Int64?
    public var sha256: String?
    /// The runtime's own content id where it has one (Ollama's model digest), which is not a file hash.
    public var digest: String?
    /// e.g. "Q4_1"
    public var quantisation: String?
    public var parameters: Int64?

    public init(
        name: String, file: String? = nil, sizeBytes: Int64? = nil, sha256: String? = nil, digest: String? = nil,
        quantisation: String? = nil, parameters: Int64? = nil
    ) {
        self.name = name
        self.file = file
        self.sizeBytes = sizeBytes
        self.sha256 = sha256
        self.digest = digest
        self.quantisation = quantisation
        self.parameters = parameters
    }

    enum CodingKeys: String, CodingKey {
        case name, file
        case sizeBytes = "size_bytes"
        case sha256, digest, quantisation, parameters
    }
}
