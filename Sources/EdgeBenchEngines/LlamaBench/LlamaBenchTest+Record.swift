extension LlamaBenchTest {
    /// Fields that have a property of their own (or are results); every other field is a parameter
    /// kept in `otherParameters`.
    static let knownFields: Set<String> = Set([
        "build_commit", "build_number", "backends", "cpu_info", "gpu_info", "model_filename", "model_type",
        "model_size", "model_n_params", "n_batch", "n_ubatch", "n_threads", "n_gpu_layers", "type_k", "type_v",
        "flash_attn", "devices", "n_prompt", "n_gen", "n_depth", "test_time", "avg_ns", "stddev_ns", "avg_ts",
        "stddev_ts", "samples_ns", "samples_ts",
    ]).union(oldBackendFlags.map(\.field))

    /// Builds before `backends` existed wrote one boolean per backend; llama-bench named the backend
    /// by the first one set, in this order (its old `get_backend()`).
    static let oldBackendFlags: [(field: String, name: String)] = [
        ("cuda", "CUDA"), ("opencl", "OpenCL"), ("vulkan", "Vulkan"), ("kompute", "Kompute"), ("metal", "Metal"),
        ("sycl", "SYCL"), ("rpc", "RPC"), ("gpu_blas", "GPU BLAS"), ("blas", "BLAS"),
    ]

    /// A test from a JSON object or CSV row. Throws a message naming the first required field that is
    /// missing or unreadable (n_prompt, n_gen, avg_ts).
    init(record: LlamaBenchRecord, line: Int?) throws(MissingField) {
        guard let promptTokens = record.int("n_prompt") else { throw MissingField(name: "n_prompt") }
        guard let generatedTokens = record.int("n_gen") else { throw MissingField(name: "n_gen") }
        guard let rate = record.double("avg_ts") else { throw MissingField(name: "avg_ts") }
        let rates = record.doubles("samples_ts")
        let seconds = record.doubles("samples_ns")?.map { $0 / 1e9 }
        var others: [String: String] = [:]
        for key in record.fields.keys where !Self.knownFields.contains(key) {
            others[key] = record.text(key) ?? "null"
        }
        self.init(
            buildCommit: record.trimmed("build_commit"), buildNumber: record.int("build_number"),
            backends: record.trimmed("backends") ?? Self.oldBackend(record), cpuInfo: record.trimmed("cpu_info"),
            gpuInfo: record.trimmed("gpu_info"), modelFile: record.trimmed("model_filename"),
            modelType: record.trimmed("model_type"), modelSizeBytes: record.int64("model_size"),
            modelParameters: record.int64("model_n_params"), threads: record.int("n_threads"),
            gpuLayers: record.int("n_gpu_layers"), batchSize: record.int("n_batch"),
            microBatchSize: record.int("n_ubatch"), cacheTypeK: record.trimmed("type_k"),
            cacheTypeV: record.trimmed("type_v"), flashAttention: record.int("flash_attn"),
            devices: record.trimmed("devices"), promptTokens: promptTokens, generatedTokens: generatedTokens,
            depth: record.int("n_depth") ?? 0, testTime: record.trimmed("test_time"),
            averageSeconds: record.double("avg_ns").map { $0 / 1e9 },
            stddevSeconds: record.double("stddev_ns").map { $0 / 1e9 }, averageRate: rate,
            stddevRate: record.double("stddev_ts"), sampleRates: rates, sampleSeconds: seconds,
            repetitions: rates?.count, otherParameters: others, line: line)
    }

    private static func oldBackend(_ record: LlamaBenchRecord) -> String? {
        let flags = oldBackendFlags.filter { record.fields[$0.field] != nil }
        guard !flags.isEmpty else { return nil }
        return flags.first { record.bool($0.field) == true }?.name ?? "CPU"
    }

    struct MissingField: Error {
        var name: String
    }
}
