/// One test of a llama-bench run (one object of `-o json`, one row of `-o csv` or of the markdown
/// table): what ran, on what, and how fast. SI units: bytes, seconds, tokens per second.
/// A field the output did not carry is nil, never a guess.
public struct LlamaBenchTest: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// `ppN`: N prompt tokens in one batch (prefill)
        case prompt
        /// `tgN`: N tokens generated one at a time (decode)
        case generation
        /// `ppN+tgM` (`-pg`): a prompt then generation, timed together
        case promptAndGeneration
    }

    public var buildCommit: String?
    public var buildNumber: Int?
    /// "CPU", "CUDA", "SYCL", "Metal,BLAS"…; derived from the old boolean fields where there is no `backends`
    public var backends: String?
    public var cpuInfo: String?
    public var gpuInfo: String?
    public var modelFile: String?
    /// llama.cpp's description, e.g. "llama 256M Q4_1", "qwen2 3B Q4_K - Medium"
    public var modelType: String?
    public var modelSizeBytes: Int64?
    public var modelParameters: Int64?
    public var threads: Int?
    /// `-ngl`; -1 is llama-bench's "auto" in recent builds
    public var gpuLayers: Int?
    public var batchSize: Int?
    public var microBatchSize: Int?
    public var cacheTypeK: String?
    public var cacheTypeV: String?
    /// -1 auto, 0 off, 1 on (old builds wrote a boolean)
    public var flashAttention: Int?
    /// `-dev`: "auto", "none", "CUDA0/CUDA1"…
    public var devices: String?
    public var promptTokens: Int
    public var generatedTokens: Int
    /// tokens already in the KV cache when the test starts (`-d`, "pp512 @ d128")
    public var depth: Int
    /// ISO 8601, as llama-bench wrote it
    public var testTime: String?
    /// mean time of one repetition, s
    public var averageSeconds: Double?
    public var stddevSeconds: Double?
    /// mean rate, tok/s: (n_prompt + n_gen) / time
    public var averageRate: Double
    public var stddevRate: Double?
    /// one rate per repetition (JSON only; markdown and CSV print the mean and spread)
    public var sampleRates: [Double]?
    /// one duration per repetition, s (JSON only)
    public var sampleSeconds: [Double]?
    /// measured repetitions: the sample count, or `-r` from the command line the output was printed by
    public var repetitions: Int?
    /// every other parameter the output names (cpu_mask, split_mode, mmap…), as text: tests that differ
    /// in any of them are different configurations
    public var otherParameters: [String: String]
    /// line of the original file the test starts on (1-based), for messages
    public var line: Int?

    public init(
        buildCommit: String? = nil, buildNumber: Int? = nil, backends: String? = nil, cpuInfo: String? = nil,
        gpuInfo: String? = nil, modelFile: String? = nil, modelType: String? = nil, modelSizeBytes: Int64? = nil,
        modelParameters: Int64? = nil, threads: Int? = nil, gpuLayers: Int? = nil, batchSize: Int? = nil,
        microBatchSize: Int? = nil, cacheTypeK: String? = nil, cacheTypeV: String? = nil, flashAttention: Int? = nil,
        devices: String? = nil, promptTokens: Int, generatedTokens: Int, depth: Int = 0, testTime: String? = nil,
        averageSeconds: Double? = nil, stddevSeconds: Double? = nil, averageRate: Double, stddevRate: Double? = nil,
        sampleRates: [Double]? = nil, sampleSeconds: [Double]? = nil, repetitions: Int? = nil,
        otherParameters: [String: String] = [:], line: Int? = nil
    ) {
        self.buildCommit = buildCommit
        self.buildNumber = buildNumber
        self.backends = backends
        self.cpuInfo = cpuInfo
        self.gpuInfo = gpuInfo
        self.modelFile = modelFile
        self.modelType = modelType
        self.modelSizeBytes = modelSizeBytes
        self.modelParameters = modelParameters
        self.threads = threads
        self.gpuLayers = gpuLayers
        self.batchSize = batchSize
        self.microBatchSize = microBatchSize
        self.cacheTypeK = cacheTypeK
        self.cacheTypeV = cacheTypeV
        self.flashAttention = flashAttention
        self.devices = devices
        self.promptTokens = promptTokens
        self.generatedTokens = generatedTokens
        self.depth = depth
        self.testTime = testTime
        self.averageSeconds = averageSeconds
        self.stddevSeconds = stddevSeconds
        self.averageRate = averageRate
        self.stddevRate = stddevRate
        self.sampleRates = sampleRates
        self.sampleSeconds = sampleSeconds
        self.repetitions = repetitions
        self.otherParameters = otherParameters
        self.line = line
    }

    /// nil for a test with neither prompt nor generated tokens (nothing was measured).
    public var kind: Kind? {
        switch (promptTokens > 0, generatedTokens > 0) {
        case (true, false): .prompt
        case (false, true): .generation
        case (true, true): .promptAndGeneration
        case (false, false): nil
        }
    }

    /// llama-bench's own name of the test: "pp512", "tg128", "pp512+tg128", "pp512 @ d128".
    public var name: String {
        var parts: [String] = []
        if promptTokens > 0 { parts.append("pp\(promptTokens)") }
        if generatedTokens > 0 { parts.append("tg\(generatedTokens)") }
        let base = parts.isEmpty ? "empty" : parts.joined(separator: "+")
        return depth > 0 ? "\(base) @ d\(depth)" : base
    }
}
