import EdgeBenchCore

/// The boards of the methodology's comparison with the figures issue #5 gives, for tests that need
/// catalog-like devices without loading the catalog (analysis, reports).
public enum TestDevices {
    /// M5Stack Module LLM: 54 × 54 × 13 mm, $99.90 (issue #5's known values); mass left unknown on purpose.
    public static let moduleLLM = Device(
        id: "m5stack-module-llm", name: "M5Stack Module LLM (AX630C)",
        dimensions: .init(length: 0.054, width: 0.054, height: 0.013), price: .init(usd: 99.90),
        accelerator: .init(name: "AX630C", peakOps: 3.2e12, precision: "INT8"),
        missing: ["mass": "the vendor publishes none"])

    /// Raspberry Pi 5 8 GB: 85 × 56 × 17 mm, $222.75 as benchmarked, LPDDR4X-4267 → 17.07e9 B/s.
    public static let pi5 = Device(
        id: "rpi5-8gb", name: "Raspberry Pi 5 (8 GB)",
        dimensions: .init(length: 0.085, width: 0.056, height: 0.017), mass: 0.046, price: .init(usd: 222.75),
        memoryBandwidth: 17.07e9)

    /// Pi 5 + AI HAT+ 2 (Hailo-10H): 85 × 56 × 20 mm, $451.83, base board rpi5-8gb.
    public static let pi5Hat2 = Device(
        id: "rpi5-8gb+ai-hat-plus-2", name: "Raspberry Pi 5 (8 GB) + AI HAT+ 2", base: "rpi5-8gb",
        dimensions: .init(length: 0.085, width: 0.056, height: 0.020), price: .init(usd: 451.83),
        accelerator: .init(name: "Hailo-10H", peakOps: 40e12, precision: "INT4"))

    /// Jetson Orin Nano Super dev kit: 100 × 79 × 21 mm, $304.78 as benchmarked, 102 GB/s.
    public static let jetson = Device(
        id: "jetson-orin-nano-super", name: "NVIDIA Jetson Orin Nano Super",
        dimensions: .init(length: 0.100, width: 0.079, height: 0.021), price: .init(usd: 304.78),
        memoryBandwidth: 102e9, accelerator: .init(name: "Ampere GPU", peakOps: 67e12, precision: "INT8"))
}
