import EdgeBenchCore

/// Shared by the store, report and runner tests.
/// A small hand-built run with numbers chosen so that every expected cell can be computed by hand:
/// one completed configuration (3 requests) and one failed configuration (no requests).
public enum SampleBundle {
    public static let lastResponse = "Paris, \"the capital\"\nof France"

    public static let environment = Environment(
        hostname: "pi5", board: "Raspberry Pi 5 Model B Rev 1.0", cpuModel: "Cortex-A76", cpuCores: 4,
        memoryBytes: 8_589_934_592, os: "Debian GNU/Linux 12 (bookworm)", kernel: "6.6.51+rpt-rpi-2712",
        architecture: "aarch64")

    public static let smollm = ModelInfo(
        name: "smollm2-135m", file: "/cache/models/SmolLM2-135M-Instruct-Q4_1.gguf", sizeBytes: 94_000_000,
        sha256: "3f2a9c1e5b7d0a4c8e6f1b2d3c4a5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d", quantisation: "Q4_1")

    public static let gemma = ModelInfo(name: "gemma3-270m")

    public static func request(_ index: Int, ttft: Double, e2e: Double, nOut: Double, response: String) -> RequestResult {
        let decode = e2e - ttft - 0.05
        return RequestResult(
            index: index,
            metrics: [
                .ttft: ttft, .e2eLatency: e2e, .decodeTime: decode, .decodeRate: (nOut - 1) / decode,
                .tpot: decode / (nOut - 1), .prefillRate: 12 / ttft, .e2eThroughput: nOut / e2e,
                .nIn: 12, .nOut: nOut,
            ],
            itl: [0.015, 0.016], flags: [], response: response)
    }

    public static func summary(_ unit: MetricUnit, mean: Double, stddev: Double?) -> Summary {
        Summary(
            unit: unit, n: 3, mean: mean, median: mean, stddev: stddev, cv: stddev.map { $0 / mean }, min: mean,
            max: mean, p50: mean, p90: mean, p99: mean, ci95: stddev.map { [mean - 2 * $0, mean + 2 * $0] })
    }

    public static let completed = ConfigurationResult(
        id: "managed/smollm2/short",
        engine: EngineDescription(
            adapter: "managed", name: "llama.cpp", version: "b11434", offload: "0 layers (CPU)", threads: 4,
            contextSize: 2048, model: smollm),
        model: smollm,
        workload: Workload(name: "short", request: GenerationRequest(prompt: "What is the capital of France?", maxTokens: 64)),
        status: .completed,
        requests: [
            request(0, ttft: 0.25, e2e: 1.25, nOut: 64, response: "Paris."),
            request(1, ttft: 0.30, e2e: 1.30, nOut: 64, response: "Paris is the capital."),
            request(2, ttft: 0.35, e2e: 1.50, nOut: 60, response: lastResponse),
        ],
        summary: [
            .ttft: Summary(
                unit: .seconds, n: 3, mean: 0.3, median: 0.3, stddev: 0.05, cv: 0.16666666666666669, min: 0.25,
                max: 0.35, p50: 0.3, p90: 0.34, p99: 0.349, ci95: [0.17579, 0.42421]),
            .e2eLatency: summary(.seconds, mean: 1.35, stddev: 0.13228756555322954),
            .decodeRate: summary(.tokensPerSecond, mean: 66.3, stddev: 1.2),
            .e2eThroughput: summary(.tokensPerSecond, mean: 46.81025641025641, stddev: 5.9),
            .prefillRate: summary(.tokensPerSecond, mean: 44.0, stddev: 4.0),
            .nOut: summary(.tokens, mean: 62.666666666666664, stddev: 2.309401076758503),
            .loadTime: Summary(
                unit: .seconds, n: 1, mean: 1.5, median: 1.5, stddev: nil, cv: nil, min: 1.5, max: 1.5, p50: 1.5,
                p90: 1.5, p99: 1.5, ci95: nil),
        ],
        flags: [.fewSamples],
        telemetry: [
            "engine_rss": TelemetrySummary(
                source: "proc", quantity: .memory, unit: .bytes, boundary: .process, samples: 10, mean: 1.5e8,
                min: 1.4e8, max: 1.6e8)
        ])

    public static let failed = ConfigurationResult(
        id: "openai/gemma3/short",
        engine: EngineDescription(adapter: "openai", name: "vLLM", url: "http://127.0.0.1:8080", model: gemma),
        model: gemma,
        workload: Workload(name: "short", request: GenerationRequest(prompt: "What is the capital of France?", maxTokens: 64)),
        status: .failed,
        error: "engine at http://127.0.0.1:8080 did not answer within 30 s; check that it runs",
        requests: [], summary: [:], flags: [])

    public static let bundle = ResultBundle(
        run: RunInfo(
            id: "run-1", startedAt: "2025-11-23T10:00:00Z", edgebenchVersion: "0.1.0",
            planHash: "9d5ed678fe57bcca610140957afab571", planName: "pi5-smoke"),
        environment: environment,
        configurations: [completed, failed])
}

extension SampleBundle {
    /// The plan points the sample configurations came from (the store keeps them for resume).
    public static let configurations: [EdgeBenchCore.Configuration] = [
        Configuration(
            id: completed.id, engine: EngineSpec(name: "llama.cpp", kind: "managed", threads: 4, contextSize: 2048),
            model: ModelSpec(name: "smollm2-135m", file: "smollm2-135m"), workload: completed.workload,
            repetitions: 3, warmup: 1),
        Configuration(
            id: failed.id, engine: EngineSpec(name: "vLLM", kind: "openai", url: "http://127.0.0.1:8080"),
            model: ModelSpec(name: "gemma3-270m", served: "google/gemma-3-270m"), workload: failed.workload,
            repetitions: 3, warmup: 1),
    ]
}
