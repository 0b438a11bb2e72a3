/// Provenance of an engine and the model it serves, recorded in every bundle.
public struct EngineDescription: Sendable, Equatable, Codable {
    /// Adapter that spoke to it: "managed", "llamacpp", "openai".
    public var adapter: String
    /// Runtime name, e.g. "llama.cpp".
    public var name: String
    public var version: String?
    public var build: String?
    public var url: String?
    /// How much of the model runs on an accelerator, as achieved (e.g. "0 layers (CPU)", "all").
    public var offload: String?
    public var threads: Int?
    public var contextSize: Int?
    public var model: ModelInfo

    public init(
        adapter: String, name: String, version: String? = nil, build: String? = nil, url: String? = nil,
        offload: String? = nil, threads: Int? = nil, contextSize: Int? = nil, model: ModelInfo
    ) {
        self.adapter = adapter
        self.name = name
        self.version = version
        self.build = build
        self.url = url
        self.offload = offload
        self.threads = threads
        self.contextSize = contextSize
        self.model = model
    }

    enum CodingKeys: String, CodingKey {
        case adapter, name, version, build, url, offload, threads
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
    /// e.g. "Q4_1"
    public var quantisation: String?
    public var parameters: Int64?

    public init(
        name: String, file: String? = nil, sizeBytes: Int64? = nil, sha256: String? = nil,
        quantisation: String? = nil, parameters: Int64? = nil
    ) {
        self.name = name
        self.file = file
        self.sizeBytes = sizeBytes
        self.sha256 = sha256
        self.quantisation = quantisation
        self.parameters = parameters
    }

    enum CodingKeys: String, CodingKey {
        case name, file
        case sizeBytes = "size_bytes"
        case sha256, quantisation, parameters
    }
}
