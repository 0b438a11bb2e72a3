import EdgeBenchCore

/// How a `ScriptedOllamaServer` behaves beyond the token script: which server it imitates, and the
/// odd cases real captures show (fixtures/llm-servers/ollama-*, rkllama-*).
public struct OllamaBehaviour: Sendable, Equatable {
    public enum Flavour: Sendable, Equatable {
        /// Ollama: `/api/ps`, `/api/show` with a `model_info` object, `/api/version`
        case ollama
        /// hailo-ollama (oatpp): `/hailo/v1/list`, `model_info` as a string, absent fields as null, and a request
        /// without a prompt (the key absent, not empty) loads or unloads the model
        case hailo
    }

    public enum DurationUnit: Sendable, Equatable {
        case nanoseconds
        /// rkllama 0.0.75's bug: eval and prompt_eval durations in ms, load_duration a constant 100000000
        case millisecondsRKLLama
    }

    public var flavour: Flavour
    public var version: String
    /// The models it has installed (`/api/tags`); requests for others get Ollama's 404.
    public var models: [String]
    /// Bytes of the loaded model (`/api/ps` size).
    public var modelSize: Int64
    /// `<arch>.block_count`; Ollama offloads block_count + 1 layers for "all".
    public var blockCount: Int
    /// GPU memory available for the model; nil = no GPU (everything runs on the CPU, size_vram 0).
    public var gpuMemory: Int64?
    /// How long loading a non-resident model takes (reported as `load_duration`).
    public var loadDelay: Duration
    /// Resident when the server starts (warm).
    public var residentAtStart: Bool
    /// How many `/api/ps` answers still list a model after a request with `keep_alive: 0` unloaded it: Ollama
    /// replies at once and unloads in the background.
    public var listedAfterUnload: Int
    public var durationUnit: DurationUnit
    /// Old Ollama left `prompt_eval_count` out of the final chunk when the prompt was cached.
    public var omitsPromptEvalCount: Bool
    /// The script's delays are divided by this while the model sits in GPU memory, so one server can
    /// play a board's CPU and GPU configurations (Jetson: `num_gpu` 0 vs all).
    public var gpuSpeedup: Double
    /// Per model tag, where one server plays several models of different sizes: its weights' bytes and its
    /// own delays (replacing the script's). A tag not here uses `modelSize` and the script's delays.
    public var perModel: [String: ModelPlay]
    /// Final-chunk fields sent verbatim instead of what the server measured, by key: a broken server's
    /// `"eval_count": "-5"` or `"eval_duration": "18446744073709551615"`.
    public var finalOverrides: [String: String]

    public init(
        flavour: Flavour = .ollama, version: String = "0.30.8", models: [String] = ["qwen2.5:0.5b"],
        modelSize: Int64 = 397_821_319, blockCount: Int = 24, gpuMemory: Int64? = nil, loadDelay: Duration = .zero,
        residentAtStart: Bool = false, durationUnit: DurationUnit = .nanoseconds, omitsPromptEvalCount: Bool = false,
        gpuSpeedup: Double = 1, finalOverrides: [String: String] = [:], perModel: [String: ModelPlay] = [:],
        listedAfterUnload: Int = 0
    ) {
        self.listedAfterUnload = listedAfterUnload
        self.perModel = perModel
        self.finalOverrides = finalOverrides
        self.flavour = flavour
        self.version = version
        self.models = models
        self.modelSize = modelSize
        self.blockCount = blockCount
        self.gpuMemory = gpuMemory
        self.loadDelay = loadDelay
        self.residentAtStart = residentAtStart
        self.durationUnit = durationUnit
        self.omitsPromptEvalCount = omitsPromptEvalCount
        self.gpuSpeedup = gpuSpeedup
    }

    /// How one model of several plays: its size and the delays before each token (index i before token i,
    /// the last repeating), already at the pace the server plays.
    public struct ModelPlay: Sendable, Equatable {
        /// nil: `modelSize`
        public var size: Int64?
        public var delays: [Duration]

        public init(size: Int64?, delays: [Duration]) {
            self.size = size
            self.delays = delays
        }
    }

    /// Bytes of `model`'s weights.
    func size(of model: String) -> Int64 {
        perModel[model]?.size ?? modelSize
    }

    /// The bytes Ollama would place in GPU memory for `num_gpu` layers (nil = its default: as many as fit).
    func vramBytes(numGPU: Int?, model: String? = nil) -> Int64 {
        guard let gpuMemory, gpuMemory > 0 else { return 0 }
        let layers = blockCount + 1
        let wanted = min(numGPU ?? layers, layers)
        let bytes = model.map(size(of:)) ?? modelSize
        let share = Int64((Double(bytes) * Double(wanted) / Double(layers)).rounded())
        return min(share, gpuMemory)
    }
}
