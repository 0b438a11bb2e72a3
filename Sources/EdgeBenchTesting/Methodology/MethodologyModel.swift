import EdgeBenchCore

/// One model of the methodology's matrix, with each runtime's own name for it and what each test board
/// needs to play it at that board's pace.
///
/// Where each pace comes from:
/// - Raspberry Pi 5 and Jetson Orin Nano (Ollama): the roofline. Decoding a token reads the whole model,
///   so a board's ceiling is memory bandwidth ÷ model bytes (17.07 GB/s and 102 GB/s, `devices.yaml`);
///   each board plays a fixed share of it (`MethodologyServers.Board.rooflineShare`), below 1 by
///   construction, so no configuration of the tour decodes faster than its board could.
/// - Pi 5 + AI HAT+ 2 (hailo-ollama): Hailo's published TTFT and TPS of each compiled model
///   (hailo-ai/hailo_model_zoo_genai, docs/MODELS.rst); Llama 3.2 1B has none there and plays Qwen2.5 1.5B's.
/// - M5Stack Module LLM (StackFlow): M5Stack's published ttft and avg-token/s of each model on the
///   AX630C (m5stack/StackFlow, benchmark/RESULTS.md).
public struct MethodologyModel: Sendable, Equatable {
    /// The plan's model name.
    public var name: String
    /// Ollama's tag (nil: the Ollama library has no such model).
    public var ollama: String?
    /// Bytes of Ollama's Q4_K_M weights: what decoding one token reads on the CPU or GPU boards.
    public var ollamaBytes: Int64
    /// hailo-ollama's tag and Hailo's published figures (nil: not compiled for the Hailo-10H).
    public var hailo: (tag: String, ttft: Double, tokensPerSecond: Double)?
    /// StackFlow's model name and M5Stack's published figures (nil: not offered for the AX630C).
    public var stackflow: (model: String, ttft: Double, tokensPerSecond: Double)?

    public static func == (a: Self, b: Self) -> Bool { a.name == b.name }

    public static let qwen25_0_5b = MethodologyModel(
        name: "qwen2.5-0.5b", ollama: "qwen2.5:0.5b", ollamaBytes: 397_821_319,
        hailo: nil, stackflow: ("qwen2.5-0.5B-prefill-20e", 0.3598, 10.32))
    public static let qwen25_1_5b = MethodologyModel(
        name: "qwen2.5-1.5b", ollama: "qwen2.5:1.5b", ollamaBytes: 986_061_892,
        hailo: ("qwen2.5-instruct:1.5b", 0.325097, 7.99287), stackflow: ("qwen2.5-1.5B-ax630c", 1.02941, 3.59))
    public static let qwen2_1_5b = MethodologyModel(
        name: "qwen2-1.5b", ollama: "qwen2:1.5b", ollamaBytes: 934_964_768,
        hailo: ("qwen2:1.5b", 0.322963, 8.12567), stackflow: nil)
    public static let qwen25Coder_1_5b = MethodologyModel(
        name: "qwen2.5-coder-1.5b", ollama: "qwen2.5-coder:1.5b", ollamaBytes: 986_062_912,
        hailo: ("qwen2.5-coder:1.5b", 0.322522, 8.08952), stackflow: nil)
    public static let deepseekR1_1_5b = MethodologyModel(
        name: "deepseek-r1-1.5b", ollama: "deepseek-r1:1.5b", ollamaBytes: 1_117_320_480,
        hailo: ("deepseek_r1:1.5b", 0.680284, 7.83009), stackflow: ("deepseek-r1-1.5B-ax630c", 1.07504, 3.57))
    public static let llama32_1b = MethodologyModel(
        name: "llama3.2-1b", ollama: "llama3.2:1b", ollamaBytes: 1_321_082_688,
        hailo: ("llama3.2:1b", 0.325097, 7.99287), stackflow: ("llama3.2-1B-prefill-ax630c", 0.891, 4.48))
    public static let openbuddyLlama32_1b = MethodologyModel(
        name: "openbuddy-llama3.2-1b", ollama: nil, ollamaBytes: 1_321_082_688,
        hailo: nil, stackflow: ("openbuddy-llama3.2-1B-ax630c", 0.89102, 4.52))

    /// Every model the methodology's runtimes offer between them: hailo-ollama's five and StackFlow's
    /// five (docs/PROTOCOLS.md), three of them shared, all but one also in Ollama's library.
    public static let paper: [MethodologyModel] = [
        qwen25_0_5b, qwen25_1_5b, qwen2_1_5b, qwen25Coder_1_5b, deepseekR1_1_5b, llama32_1b, openbuddyLlama32_1b,
    ]
}
